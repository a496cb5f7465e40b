using AlertBot.Core.Delivery;
using AlertBot.Core.Digests;
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
    ChatLanguage Language,
    EmptyDigest WhenEmpty,
    bool Paused,
    string? SetBy,
    DateTimeOffset? NextRun,
    DateTimeOffset? LastSent,
    OutboxState? LastState,
    string? LastError);

/// <summary>Every chat's scheduled digest: when it runs next, what it covers, and how its last one went.</summary>
public sealed class DigestsModel(AlertBotDb db, DigestSettings settings) : PageModel
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
            var covers = string.Join(", ", s.PlaceIds.Concat(s.ActorIds).Concat(s.EventTypes));
            var l = latest.GetValueOrDefault(s.Id);
            return new DigestRow(
                s.Id, s.Recipient!.Platform, s.Recipient.ChatId, s.ScheduleKind, s.Crons, s.TimeZone,
                covers.Length == 0 ? "everything" : covers, s.Language, s.WhenEmpty, s.Paused, s.SetBy,
                settings.NextRun(s), l?.SentAt, l?.State, l?.LastError);
        }).ToList();
    }
}
