using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Delivery;

/// <summary>Builds alert messages from events as they are now: the structured fields, the outlets and their links.</summary>
public sealed class AlertComposer(AlertRenderer renderer)
{
    /// <summary>Loads the events (and what they were merged into) with their sources, for one batch of sends.</summary>
    public static async Task<Dictionary<long, AlertSubject>> LoadAsync(AlertBotDb db, IEnumerable<long> eventIds, CancellationToken ct)
    {
        var ids = eventIds.Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var targets = events.Where(e => e.MergedIntoId is not null).Select(e => e.MergedIntoId!.Value).Except(ids).ToList();
        if (targets.Count > 0)
        {
            events.AddRange(await db.Events.AsNoTracking().Where(e => targets.Contains(e.Id)).ToListAsync(ct));
        }

        var all = events.Select(e => e.Id).ToList();
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.EventId != null && all.Contains(r.EventId.Value))
            .OrderBy(r => r.Tier ?? int.MaxValue).ThenBy(r => r.ReceivedAt)
            .Select(r => new { r.EventId, r.Source, r.Url, r.Title, r.Language })
            .ToListAsync(ct);
        var sources = reports.GroupBy(r => r.EventId!.Value).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<SourceLink>)g.DistinctBy(r => r.Source)
                .Select(r => new SourceLink(r.Source, Uri.TryCreate(r.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null, r.Title, r.Language))
                .ToList());
        var corrected = (await db.AuditEntries.AsNoTracking()
            .Where(a => a.EventId != null && all.Contains(a.EventId.Value) && a.Action == ModerationActions.Edit)
            .Select(a => a.EventId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var byId = events.ToDictionary(e => e.Id, e => new AlertSubject(e, sources.GetValueOrDefault(e.Id) ?? [], corrected.Contains(e.Id)));
        return byId;
    }

    /// <summary>What the messages about <paramref name="subject"/> should show now: a merged event shows the event it became.</summary>
    public static AlertView? ViewOf(AlertSubject subject, IReadOnlyDictionary<long, AlertSubject> loaded, bool isUpdate)
    {
        var e = subject.Event;
        if (e.Status == EventStatus.Merged && e.MergedIntoId is { } into && loaded.TryGetValue(into, out var target) && target.Event.Status == EventStatus.Confirmed)
        {
            return ToView(target, AlertState.Updated);
        }

        return e.Status switch
        {
            EventStatus.Confirmed => ToView(subject, isUpdate ? AlertState.Updated : AlertState.Confirmed),
            EventStatus.Retracted when isUpdate => ToView(subject, AlertState.Retracted),
            _ => null,
        };
    }

    /// <summary>The alert for one recipient, in its language and time zone, in the platform's markup and split to its length.</summary>
    public IReadOnlyList<string> Render(AlertView view, Recipient recipient, IChatPlatform platform, DateTimeOffset now) =>
        platform.Markup.Write(
            renderer.Render(view, recipient.Language, QuietHours.ZoneOf(recipient), now),
            Math.Min(platform.Markup.MaxLength, platform.Capabilities.MaxTextLength));

    private static AlertView ToView(AlertSubject s, AlertState state) => new(
        s.Event.Id,
        state,
        s.Event.EventTypes,
        s.Event.PlaceIds,
        s.Event.ActorIds,
        s.Event.Counts,
        s.Event.FirstReportAt,
        Math.Max(1, s.Event.OutletCount),
        s.Sources,
        s.Event.NoteAr,
        s.Event.NoteEn,
        new ModerationNote(
            s.Event.Confirmations.Count(c => c != ModerationService.AutoConfirmIdentity),
            s.Event.DecidedBy == ModerationService.AutoConfirmIdentity,
            s.Corrected));
}

/// <summary>An event with the outlets that reported it, and whether a moderator corrected its fields.</summary>
public sealed record AlertSubject(Event Event, IReadOnlyList<SourceLink> Sources, bool Corrected = false);
