using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Platforms;

/// <summary>An inbound request a platform signed, seen once: its key (Discord: the interaction's signature) and when.</summary>
public sealed class InboundReceipt
{
    public required string Platform { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// The inbound requests every instance has seen, in the shared database, so that a signed request replayed to another
/// instance behind the same load balancer is refused as it is by the one that saw it first. A key is kept for as long
/// as the platform's signature could still be accepted (its age limit), then pruned.
/// </summary>
public sealed class InboundReceipts(AlertBotDbFactory dbFactory, TimeProvider time)
{
    public const int MaxKeyLength = 128;

    private long _calls;

    /// <summary>True the first time any instance records (<paramref name="platform"/>, <paramref name="key"/>); false for a repeat.</summary>
    public async Task<bool> FirstTimeAsync(string platform, string key, TimeSpan keepFor, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength);
        var now = time.GetUtcNow();
        await using var db = dbFactory.Create();
        if (Interlocked.Increment(ref _calls) % 256 == 1)
        {
            var cutoff = now - keepFor;
            await db.InboundReceipts.Where(r => r.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        }

        var at = StoredTime.Of(db, now);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "InboundReceipts" ("Platform", "Key", "ReceivedAt") VALUES ({platform}, {key}, {at}) ON CONFLICT ("Platform", "Key") DO NOTHING""",
            ct);
        return inserted == 1;
    }
}
