using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Digests;

/// <summary>
/// Loads what a digest shows from the database, on SQLite and PostgreSQL alike: the events confirmed in the period
/// (by the time they were confirmed, so every confirmed event falls in exactly one period of a schedule, however late
/// it was confirmed), the events confirmed earlier and edited by a moderator in the period, and the events retracted
/// in the period. The filter is applied in the query (places with every place inside them, actor groups with their
/// members, types) and again, identically, by <see cref="DigestBuilder"/>.
/// </summary>
public sealed class DigestQueries(AlertBotDb db, DigestFilterMatcher matcher)
{
    public async Task<IReadOnlyList<DigestEvent>> LoadAsync(DigestPeriod period, DigestFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(filter);
        var from = period.From;
        var to = period.To;

        var confirmed = await Filtered(db.Events.AsNoTracking(), filter)
            .Where(e => (e.Status == EventStatus.Confirmed || e.Status == EventStatus.Retracted) && e.DecidedAt != null)
            .Where(e => e.Status == EventStatus.Retracted
                ? e.DecidedAt >= from && e.DecidedAt < to
                : e.DecidedAt >= from && e.DecidedAt < to
                  || (e.DecidedAt < from && db.AuditEntries.Any(a => a.EventId == e.Id && a.Action == ModerationActions.Edit && a.At >= from && a.At < to)))
            .ToListAsync(ct);

        return confirmed
            .Select(e => DigestEvent.Of(e, e.Status == EventStatus.Retracted ? DigestChange.Retracted
                : e.DecidedAt < from ? DigestChange.Corrected
                : DigestChange.New))
            .Where(e => matcher.Matches(filter, e))
            .OrderBy(e => e.OccurredAt)
            .ThenBy(e => e.EventId)
            .ToList();
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
