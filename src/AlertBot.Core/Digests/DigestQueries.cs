using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Digests;

/// <summary>
/// Loads what a digest shows from the database, on SQLite and PostgreSQL alike: the events confirmed in the period
/// (by the time they were confirmed, so every confirmed event falls in exactly one period of a schedule, however late
/// it was confirmed), the events confirmed earlier and edited by a moderator in the period, and the events retracted
/// in the period. For one digest the filter is applied in the query (places with every place inside them, actor
/// groups with their members, types) and again, identically, in memory; for a batch of digests (the dispatcher sends
/// many at the same hour) one <see cref="DigestEventPool"/> is loaded for all their periods and each digest takes its
/// own from it, so thousands of channels cost one query per batch rather than one each.
/// </summary>
public sealed class DigestQueries(AlertBotDb db, DigestFilterMatcher matcher)
{
    public async Task<IReadOnlyList<DigestEvent>> LoadAsync(DigestPeriod period, DigestFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(filter);
        return (await LoadPoolAsync([period], filter, ct)).For(period, filter);
    }

    /// <summary>Everything any of <paramref name="periods"/> could show (unfiltered, or pre-filtered by <paramref name="prefilter"/>).</summary>
    public async Task<DigestEventPool> LoadPoolAsync(IReadOnlyCollection<DigestPeriod> periods, DigestFilter? prefilter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            return new DigestEventPool([], Array.Empty<(long, DateTimeOffset)>().ToLookup(e => e.Item1, e => e.Item2), matcher);
        }

        var from = periods.Min(p => p.From);
        var to = periods.Max(p => p.To);
        var query = prefilter is null ? db.Events.AsNoTracking() : Filtered(db.Events.AsNoTracking(), prefilter);
        var events = await query
            .Where(e => (e.Status == EventStatus.Confirmed || e.Status == EventStatus.Retracted) && e.DecidedAt != null)
            .Where(e => e.DecidedAt >= from && e.DecidedAt < to
                || (e.Status == EventStatus.Confirmed && e.DecidedAt < from
                    && db.AuditEntries.Any(a => a.EventId == e.Id && a.Action == ModerationActions.Edit && a.At >= from && a.At < to)))
            .ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var edits = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EventId != null && ids.Contains(a.EventId.Value) && a.Action == ModerationActions.Edit && a.At >= from && a.At < to)
            .Select(a => new { EventId = a.EventId!.Value, a.At })
            .ToListAsync(ct);
        return new DigestEventPool(events, edits.ToLookup(e => e.EventId, e => e.At), matcher);
    }

    private IQueryable<Event> Filtered(IQueryable<Event> query, DigestFilter filter)
    {
        if (filter.EventTypes.Count > 0)
        {
            var types = filter.EventTypes.ToList();
            query = query.Where(e => e.EventTypes.Any(t => types.Contains(t)));
        }

        if (matcher.PlacesWithin(filter) is { } places)
        {
            var within = places.ToList();
            query = query.Where(e => e.PlaceIds.Any(p => within.Contains(p)));
        }

        if (matcher.ActorsWithin(filter) is { } actors)
        {
            var members = actors.ToList();
            query = query.Where(e => e.ActorIds.Any(a => members.Contains(a)));
        }

        return query;
    }
}

/// <summary>
/// The confirmed and retracted events of a span of time with their moderators' edits, from which each digest of the
/// span takes its own: new when confirmed in its period, retracted when retracted in it, corrected when confirmed
/// before it and edited in it; then its filter, in time order.
/// </summary>
public sealed class DigestEventPool(IReadOnlyList<Event> events, ILookup<long, DateTimeOffset> edits, DigestFilterMatcher matcher)
{
    public int Count => events.Count;

    public IReadOnlyList<DigestEvent> For(DigestPeriod period, DigestFilter filter)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(filter);
        var result = new List<DigestEvent>();
        foreach (var e in events)
        {
            var decided = e.DecidedAt!.Value;
            var inPeriod = decided >= period.From && decided < period.To;
            DigestChange? change = e.Status == EventStatus.Retracted
                ? inPeriod ? DigestChange.Retracted : null
                : inPeriod ? DigestChange.New
                : decided < period.From && edits[e.Id].Any(at => at >= period.From && at < period.To) ? DigestChange.Corrected
                : null;
            if (change is { } c && DigestEvent.Of(e, c) is var digestEvent && matcher.Matches(filter, digestEvent))
            {
                result.Add(digestEvent);
            }
        }

        return [.. result.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId)];
    }
}
