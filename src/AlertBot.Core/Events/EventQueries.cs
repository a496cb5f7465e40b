using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Events;

public enum EventOrder
{
    /// <summary>Latest report first, then the most outlets.</summary>
    Newest,

    /// <summary>Most independent outlets first, then the latest report.</summary>
    MostCorroborated,
}

/// <summary>Which events to list. <see cref="PlaceId"/> includes every place within it.</summary>
public sealed record EventFilter(EventStatus? Status = null, string? Type = null, string? PlaceId = null, EventOrder Order = EventOrder.Newest, int Limit = 100);

/// <summary>Read-only queries for the queue, the event page and the API.</summary>
public sealed class EventQueries(AlertBotDb db, Gazetteer gazetteer)
{
    public async Task<IReadOnlyList<Event>> ListAsync(EventFilter filter, CancellationToken ct)
    {
        var query = db.Events.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (!string.IsNullOrEmpty(filter.Type))
        {
            var type = filter.Type;
            query = query.Where(e => e.EventTypes.Contains(type));
        }

        if (!string.IsNullOrEmpty(filter.PlaceId))
        {
            var within = PlacesWithin(filter.PlaceId);
            query = query.Where(e => e.PlaceIds.Any(p => within.Contains(p)));
        }

        query = filter.Order == EventOrder.MostCorroborated
            ? query.OrderByDescending(e => e.OutletCount).ThenByDescending(e => e.LastReportAt)
            : query.OrderByDescending(e => e.EventDate).ThenByDescending(e => e.LastReportAt).ThenByDescending(e => e.OutletCount);
        return await query
            .Take(Math.Clamp(filter.Limit, 1, 500))
            .Include(e => e.Reports.OrderBy(r => r.Id))
            .AsSplitQuery()
            .ToListAsync(ct);
    }

    public Task<Event?> FindAsync(long id, CancellationToken ct) =>
        db.Events.AsNoTracking().Include(e => e.Reports.OrderBy(r => r.Id)).FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>
    /// The audit log, newest first; for one event when <paramref name="eventId"/> is given. The placements of reports by
    /// clustering (<see cref="ModerationActions.Place"/>) are included only when <paramref name="placements"/> is true.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(long? eventId, int limit, bool placements, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (eventId is { } id)
        {
            query = query.Where(a => a.EventId == id);
        }

        if (!placements)
        {
            query = query.Where(a => a.Action != ModerationActions.Place);
        }

        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>The events that clustering opened as possibly the same incident as event <paramref name="id"/> (not merged away).</summary>
    public async Task<IReadOnlyList<Event>> LinkedToAsync(long id, CancellationToken ct) =>
        await db.Events.AsNoTracking().Where(e => e.LinkedEventId == id && e.Status != EventStatus.Merged).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>Reports, newest first, whose title or text contains <paramref name="text"/>; optionally only relevant or only not relevant ones.</summary>
    public async Task<IReadOnlyList<Report>> SearchReportsAsync(string? text, bool? relevant, int limit, CancellationToken ct)
    {
        var query = db.Reports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim();
            query = query.Where(r => r.Text.Contains(needle) || (r.Title != null && r.Title.Contains(needle)) || r.Source.Contains(needle));
        }

        if (relevant is { } wanted)
        {
            query = query.Where(r => r.Relevant == wanted);
        }

        return await query.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }

    /// <summary>The place and every place inside it (down the gazetteer hierarchy).</summary>
    public List<string> PlacesWithin(string placeId) =>
        gazetteer.Places.Where(p => gazetteer.IsWithin(p.Id, placeId)).Select(p => p.Id).Append(placeId).Distinct().ToList();
}
