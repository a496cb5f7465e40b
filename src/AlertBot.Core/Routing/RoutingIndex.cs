using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Routing;

/// <summary>
/// This process's <see cref="SubscriptionIndex"/>, kept in step with the database. It loads every effective
/// subscription once (active, unpaused recipients), then replays <see cref="SubscriptionChange"/> rows. Replaying is
/// idempotent (each change re-reads its subscription), so the cursor stays <see cref="HoldBack"/> behind the newest
/// change: on PostgreSQL ids are handed out before commit, and a change that commits late is still seen.
/// </summary>
public sealed partial class RoutingIndex(AlertBotDbFactory dbFactory, Gazetteer gazetteer, TimeProvider time, ILogger<RoutingIndex> logger) : IDisposable
{
    public static readonly TimeSpan HoldBack = TimeSpan.FromMinutes(2);

    private readonly SubscriptionIndex _index = new(gazetteer);
    private readonly SemaphoreSlim _sync = new(1, 1);
    private bool _loaded;
    private long _cursor;

    public int Count => _index.Count;

    /// <summary>Recipients the event is for, after catching up with every change committed so far.</summary>
    public async Task<List<RouteMatch>> MatchAsync(RoutingSubject subject, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        return _index.Match(subject);
    }

    public async Task CatchUpAsync(CancellationToken ct)
    {
        await _sync.WaitAsync(ct);
        try
        {
            await using var db = dbFactory.Create();
            if (!_loaded)
            {
                await LoadAsync(db, ct);
                _loaded = true;
                return;
            }

            var changes = await db.SubscriptionChanges.AsNoTracking()
                .Where(c => c.Id > _cursor)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.SubscriptionId, c.At })
                .ToListAsync(ct);
            if (changes.Count == 0)
            {
                return;
            }

            var ids = changes.Select(c => c.SubscriptionId).Distinct().ToList();
            var effective = new List<SubscriptionEntry>();
            foreach (var chunk in ids.Chunk(1000))
            {
                effective.AddRange(await Effective(db).Where(s => chunk.Contains(s.Id)).Select(Entry).ToListAsync(ct));
            }

            var present = effective.Select(e => e.Id).ToHashSet();
            foreach (var entry in effective)
            {
                _index.Upsert(entry);
            }

            foreach (var id in ids.Where(id => !present.Contains(id)))
            {
                _index.Remove(id);
            }

            var settled = time.GetUtcNow() - HoldBack;
            _cursor = Math.Max(_cursor, changes.Where(c => c.At < settled).Select(c => c.Id).DefaultIfEmpty(_cursor).Max());
        }
        finally
        {
            _sync.Release();
        }
    }

    public void Dispose()
    {
        _index.Dispose();
        _sync.Dispose();
    }

    private async Task LoadAsync(AlertBotDb db, CancellationToken ct)
    {
        var settled = time.GetUtcNow() - HoldBack;
        _cursor = await db.SubscriptionChanges.Where(c => c.At < settled).MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var count = 0;
        await foreach (var entry in Effective(db).Select(Entry).AsAsyncEnumerable().WithCancellation(ct))
        {
            _index.Upsert(entry);
            count++;
        }

        LogLoaded(count);

        // Changes committed while loading are replayed by the next catch-up.
        var changes = await db.SubscriptionChanges.Where(c => c.Id > _cursor).Select(c => c.SubscriptionId).Distinct().ToListAsync(ct);
        foreach (var chunk in changes.Chunk(1000))
        {
            var present = await Effective(db).Where(s => chunk.Contains(s.Id)).Select(Entry).ToListAsync(ct);
            foreach (var entry in present)
            {
                _index.Upsert(entry);
            }

            foreach (var id in chunk.Except(present.Select(p => p.Id)))
            {
                _index.Remove(id);
            }
        }
    }

    private static IQueryable<Subscription> Effective(AlertBotDb db) =>
        db.Subscriptions.AsNoTracking().Where(s => !s.Recipient!.Paused && s.Recipient.DeactivatedAt == null);

    private static readonly System.Linq.Expressions.Expression<Func<Subscription, SubscriptionEntry>> Entry =
        s => new SubscriptionEntry(s.Id, s.RecipientId, s.PlaceId, s.ActorId, s.EventType, s.Mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription index loaded: {Count} subscriptions")]
    private partial void LogLoaded(int count);
}
