using AlertBot.Core.Events;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>How many chats, on which platforms, confirming some events would alert now.</summary>
public sealed record RecipientCount(int Chats, IReadOnlyList<(string Platform, int Chats)> ByPlatform)
{
    /// <summary>"sandbox 3, telegram 1".</summary>
    public string Platforms(string none) =>
        ByPlatform.Count == 0 ? none : string.Join(", ", ByPlatform.Select(p => $"{p.Platform} {p.Chats}"));
}

/// <summary>
/// Asks the routing index which chats an event would reach if it were confirmed now: instant subscribers that are
/// active and not paused, exactly the chats the router would write outbox rows for.
/// </summary>
public sealed class RecipientPreview(RoutingIndex index, AlertBotDb db)
{
    private const int Chunk = 5000;

    public async Task<RecipientCount> CountAsync(IEnumerable<Event> events, CancellationToken ct)
    {
        var ids = new HashSet<long>();
        foreach (var e in events)
        {
            var matches = await index.MatchAsync(new RoutingSubject(e.EventTypes, e.PlaceIds, e.ActorIds), ct);
            ids.UnionWith(matches.Where(m => m.Mode == DeliveryMode.Instant).Select(m => m.RecipientId));
        }

        var byPlatform = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var rows = await db.Recipients.AsNoTracking()
                .Where(r => chunk.Contains(r.Id) && !r.Paused && r.DeactivatedAt == null)
                .GroupBy(r => r.Platform)
                .Select(g => new { Platform = g.Key, Chats = g.Count() })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                byPlatform[row.Platform] = byPlatform.GetValueOrDefault(row.Platform) + row.Chats;
            }
        }

        var ordered = byPlatform.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
        return new RecipientCount(ordered.Sum(p => p.Value), ordered);
    }
}
