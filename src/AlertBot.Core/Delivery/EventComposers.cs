using System.Collections.Concurrent;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Delivery;

/// <summary>An event with the outlets that reported it, and whether a moderator corrected its fields.</summary>
public sealed record AlertSubject(Event Event, IReadOnlyList<SourceLink> Sources, bool Corrected = false);

/// <summary>Loading events for a batch of sends, and the view an alert shows of them now.</summary>
public static class EventSubjects
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
        return events.ToDictionary(e => e.Id, e => new AlertSubject(e, sources.GetValueOrDefault(e.Id) ?? [], corrected.Contains(e.Id)));
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

    /// <summary>The state of each recipient's alert row for the events: an update or notice waits while its alert is still to go.</summary>
    internal static async Task<Dictionary<(long EventId, long RecipientId), OutboxState>> AlertStatesAsync(
        AlertBotDb db, IReadOnlyCollection<long> eventIds, IReadOnlyCollection<long> recipientIds, CancellationToken ct) =>
        (await db.Outbox.AsNoTracking()
            .Where(o => o.Kind == OutboxKinds.Alert && eventIds.Contains(o.SubjectId) && recipientIds.Contains(o.RecipientId))
            .Select(o => new { o.SubjectId, o.RecipientId, o.State })
            .ToListAsync(ct))
        .ToDictionary(o => (o.SubjectId, o.RecipientId), o => o.State);

    /// <summary>The alert for one recipient, in its language and time zone, in the platform's markup and split to its length.</summary>
    internal static IReadOnlyList<string> Write(RichText text, IChatPlatform platform) =>
        platform.Markup.Write(text, Math.Min(platform.Markup.MaxLength, platform.Capabilities.MaxTextLength));

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
            s.Corrected),
        s.Event.ActorRoles);
}

/// <summary>
/// One batch's alert texts, each written once: a broadcast of one event to thousands of chats has a handful of distinct
/// texts (per language, time zone, platform and relative time), not one per chat. The key holds everything the text
/// depends on besides the batch's view of the event (the relative time as it reads now in both languages), so a text
/// taken from here is the one rendering it for this recipient now would give.
/// </summary>
internal sealed class RenderedTexts(AlertRenderer renderer)
{
    private readonly ConcurrentDictionary<Key, IReadOnlyList<string>> _texts = new();

    public IReadOnlyList<string> For(AlertView view, Recipient recipient, IChatPlatform platform, DateTimeOffset now)
    {
        var zone = QuietHours.ZoneOf(recipient);
        var key = new Key(
            view.EventId,
            view.State,
            recipient.Language,
            zone.Id,
            platform.Name,
            AlertRenderer.RelativeTime(view.OccurredAt, now, arabic: true),
            AlertRenderer.RelativeTime(view.OccurredAt, now, arabic: false));
        if (_texts.TryGetValue(key, out var parts))
        {
            return parts;
        }

        // Rendered outside the dictionary's lock; two workers rendering the same key at once write the same text.
        return _texts.GetOrAdd(key, EventSubjects.Write(renderer.Render(view, recipient.Language, zone, now), platform));
    }

    private readonly record struct Key(long EventId, AlertState State, ChatLanguage Language, string Zone, string Platform, string RelativeAr, string RelativeEn);
}

/// <summary>The first message about a confirmed event to a recipient, written from the event as it is when sent.</summary>
public sealed class AlertComposer(AlertRenderer renderer) : IOutboxComposer
{
    public string Kind => OutboxKinds.Alert;

    public string RegistryKind => OutboxKinds.Alert;

    public QuietRule Quiet => QuietRule.Hold;

    public bool CancelledWhenPaused => true;

    public async Task<IOutboxBatch> LoadAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, CancellationToken ct) =>
        new Batch(new RenderedTexts(renderer), await EventSubjects.LoadAsync(db, rows.Select(r => r.SubjectId), ct));

    private sealed class Batch(RenderedTexts texts, Dictionary<long, AlertSubject> subjects) : IOutboxBatch
    {
        public Composition Compose(OutboxItem row, Recipient recipient, IChatPlatform platform, IReadOnlyList<SentMessage> registry, DateTimeOffset now)
        {
            if (!subjects.TryGetValue(row.SubjectId, out var subject))
            {
                return new Composition.Cancel("the event no longer exists");
            }

            if (EventSubjects.ViewOf(subject, subjects, isUpdate: false) is not { } view)
            {
                return new Composition.Cancel($"the event was {subject.Event.Status.ToString().ToLowerInvariant()} before delivery");
            }

            return new Composition.Send(texts.For(view, recipient, platform, now)) { MeasuredFrom = subject.Event.DecidedAt, Alert = view };
        }
    }
}

/// <summary>Edits the messages already sent about an event (changed, retracted, merged) to show it as it is now.</summary>
public sealed class UpdateComposer(AlertRenderer renderer, TimeProvider time) : IOutboxComposer
{
    public string Kind => OutboxKinds.Update;

    public string RegistryKind => OutboxKinds.Alert;

    public QuietRule Quiet => QuietRule.AlwaysSilent;

    public bool CancelledWhenPaused => false;

    public async Task<IOutboxBatch> LoadAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, CancellationToken ct)
    {
        var eventIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var recipientIds = rows.Select(r => r.RecipientId).Distinct().ToList();
        return new Batch(new RenderedTexts(renderer), time, await EventSubjects.LoadAsync(db, eventIds, ct), await EventSubjects.AlertStatesAsync(db, eventIds, recipientIds, ct));
    }

    private sealed class Batch(
        RenderedTexts texts, TimeProvider time, Dictionary<long, AlertSubject> subjects, Dictionary<(long, long), OutboxState> alerts) : IOutboxBatch
    {
        public Composition Compose(OutboxItem row, Recipient recipient, IChatPlatform platform, IReadOnlyList<SentMessage> registry, DateTimeOffset now)
        {
            if (!subjects.TryGetValue(row.SubjectId, out var subject))
            {
                return new Composition.Cancel("the event no longer exists");
            }

            if (EventSubjects.ViewOf(subject, subjects, isUpdate: true) is not { } view)
            {
                return new Composition.Cancel($"the event was {subject.Event.Status.ToString().ToLowerInvariant()} before delivery");
            }

            if (alerts.GetValueOrDefault((row.SubjectId, row.RecipientId)) == OutboxState.Pending)
            {
                // The alert is still to be sent (and will show the event as it is then): edit after it.
                return new Composition.Later(time.GetUtcNow() + TimeSpan.FromSeconds(2), "waiting for the alert itself to be sent");
            }

            if (registry.Count == 0)
            {
                return new Composition.Cancel("no message was sent to edit");
            }

            return new Composition.Send(texts.For(view, recipient, platform, now)) { Edit = true, Alert = view };
        }
    }
}

/// <summary>
/// The short message that replies to an alert when moderators retract its event or correct its type or place, in the
/// chat's languages: the edit already shows it, but an edit notifies nobody. Its subject is the routing task of that
/// moderation action, so each retraction or correction is told once.
/// </summary>
public sealed class NoticeComposer(AlertRenderer renderer, TimeProvider time) : IOutboxComposer
{
    public string Kind => OutboxKinds.Notice;

    public string RegistryKind => OutboxKinds.Notice;

    public QuietRule Quiet => QuietRule.Hold;

    public bool CancelledWhenPaused => false;

    public async Task<IOutboxBatch> LoadAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, CancellationToken ct)
    {
        var taskIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var tasks = await db.RoutingTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var eventIds = tasks.Values.Select(t => t.EventId).Distinct().ToList();
        var recipientIds = rows.Select(r => r.RecipientId).Distinct().ToList();
        var alertMessages = (await db.SentMessages.AsNoTracking()
                .Where(m => m.Kind == OutboxKinds.Alert && m.Part == 0 && eventIds.Contains(m.SubjectId) && recipientIds.Contains(m.RecipientId))
                .Select(m => new { m.SubjectId, m.RecipientId, m.MessageId })
                .ToListAsync(ct))
            .ToDictionary(m => (m.SubjectId, m.RecipientId), m => m.MessageId);
        return new Batch(
            renderer,
            time,
            tasks,
            await EventSubjects.LoadAsync(db, eventIds, ct),
            await EventSubjects.AlertStatesAsync(db, eventIds, recipientIds, ct),
            alertMessages);
    }

    private sealed class Batch(
        AlertRenderer renderer,
        TimeProvider time,
        Dictionary<long, RoutingTask> tasks,
        Dictionary<long, AlertSubject> subjects,
        Dictionary<(long, long), OutboxState> alerts,
        Dictionary<(long, long), string> alertMessages) : IOutboxBatch
    {
        public Composition Compose(OutboxItem row, Recipient recipient, IChatPlatform platform, IReadOnlyList<SentMessage> registry, DateTimeOffset now)
        {
            if (!tasks.TryGetValue(row.SubjectId, out var task) || !subjects.TryGetValue(task.EventId, out var subject))
            {
                return new Composition.Cancel("the event no longer exists");
            }

            if (alerts.GetValueOrDefault((task.EventId, row.RecipientId)) == OutboxState.Pending)
            {
                return new Composition.Later(time.GetUtcNow() + TimeSpan.FromSeconds(2), "waiting for the alert itself to be sent");
            }

            if (!alertMessages.TryGetValue((task.EventId, row.RecipientId), out var alertMessage))
            {
                return new Composition.Cancel("the alert was never sent to this chat");
            }

            var notice = task.Reason == RoutingReasons.Retracted ? NoticeKind.Retracted : NoticeKind.Corrected;
            var e = subject.Event;
            var text = renderer.RenderNotice(notice, e.EventTypes, e.PlaceIds, recipient.Language);
            return new Composition.Send(EventSubjects.Write(text, platform)) { ReplyToMessageId = alertMessage };
        }
    }
}
