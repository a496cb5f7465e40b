using AlertBot.Core.Conversation;
using AlertBot.Core.Delivery;
using AlertBot.Core.Digests;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>One chat's digest as the console lists it.</summary>
public sealed record DigestRow(
    long Id,
    string Platform,
    string ChatId,
    DigestScheduleKind Kind,
    IReadOnlyList<string> Crons,
    string TimeZone,
    string Covers,
    bool InsteadOfAlerts,
    ChatLanguage Language,
    EmptyDigest WhenEmpty,
    bool Paused,
    string? SetBy,
    DateTimeOffset? NextRun,
    DateTimeOffset? LastSent,
    OutboxState? LastState,
    string? LastError);

/// <summary>Every chat's scheduled digest: when it runs next, what it covers, and how its last one went.</summary>
public sealed class DigestsModel(AlertBotDb db, DigestSettings settings, SubscriptionTargets targets) : PageModel
{
    public IReadOnlyList<DigestRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await db.DigestSettings.AsNoTracking().Include(s => s.Recipient).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = all.Select(s => s.Id).ToList();
        // Only each setting's newest digest row is read, not its whole history.
        var newest = await (from o in db.Outbox.AsNoTracking()
                            join r in db.DigestRuns.AsNoTracking() on o.SubjectId equals r.Id
                            where o.Kind == OutboxKinds.Digest && ids.Contains(r.SettingId)
                            group o.Id by r.SettingId into g
                            select g.Max())
            .ToListAsync(ct);
        var latest = await (from o in db.Outbox.AsNoTracking()
                            join r in db.DigestRuns.AsNoTracking() on o.SubjectId equals r.Id
                            where newest.Contains(o.Id)
                            select new { r.SettingId, o.State, o.SentAt, o.LastError })
            .ToDictionaryAsync(l => l.SettingId, ct);
        Rows = all.Select(s =>
        {
            // Places, actors and types by name, in the reader's language first.
            var covers = string.Join(ConsoleLocalizer.IsArabic ? "، " : ", ", s.PlaceIds.Select(p => new SubscriptionTarget(p, null, null))
                .Concat(s.ActorIds.Select(a => new SubscriptionTarget(null, a, null)))
                .Concat(s.EventTypes.Select(t => new SubscriptionTarget(null, null, t)))
                .Select(t => targets.Describe(t))
                .Select(d => ConsoleText.Both(d.Ar, d.En)));
            var l = latest.GetValueOrDefault(s.Id);
            return new DigestRow(
                s.Id, s.Recipient!.Platform, s.Recipient.ChatId, s.ScheduleKind, s.Crons, s.TimeZone,
                covers, s.InsteadOfAlerts, s.Language, s.WhenEmpty, s.Paused, s.SetBy,
                settings.NextRun(s), l?.SentAt, l?.State, l?.LastError);
        }).ToList();
    }
}
