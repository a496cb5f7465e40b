using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AlertBot.Pages;

/// <summary>
/// What an operator acts on: the oldest pending event and the queue's size, how fast confirmed alerts went out in the
/// last day, the outbox, what failed in the last day, and sources that fail or are switched off.
/// </summary>
public sealed class IndexModel(AlertBotDb db, AlertBotDbFactory dbFactory, ChatPlatforms platforms, HealthCheckService health, Core.Digests.DigestSettings digests, TimeProvider time) : PageModel
{
    /// <summary>
    /// A platform's connection as its adapter's health check sees it (named as the platform: <c>telegram</c>,
    /// <c>discord</c>); null <paramref name="Status"/> for a platform inside the bot (the sandbox), always there.
    /// </summary>
    public sealed record PlatformState(string Name, HealthStatus? Status, string? Problem, int Chats, string? Mode = null, DateTimeOffset? LastSuccess = null);

    /// <summary>The next digests to go out, soonest first.</summary>
    public sealed record NextDigest(string Platform, string ChatId, DateTimeOffset At);

    public IReadOnlyList<NextDigest> NextDigests { get; private set; } = [];

    public IReadOnlyList<PlatformState> PlatformStates { get; private set; } = [];

    /// <summary>The lag is computed from at most this many of the last day's deliveries (the newest).</summary>
    public const int LagSample = 100_000;

    public StorageProvider Provider => dbFactory.Provider;

    public IReadOnlyCollection<string> Platforms => platforms.Names;

    public DateTimeOffset Now { get; private set; }

    public int Recipients { get; private set; }

    public int PendingEvents { get; private set; }

    /// <summary>The pending event waiting longest, and since when.</summary>
    public (long Id, DateTimeOffset Since)? OldestPending { get; private set; }

    /// <summary>Confirm → first send of each alert delivered in the last day: median, 95th percentile and how many.</summary>
    public (TimeSpan P50, TimeSpan P95, int Alerts)? Lag { get; private set; }

    public int OutboxDepth { get; private set; }

    public int DeadLastDay { get; private set; }

    /// <summary>Outbox rows of the last day whose last failed attempt the platform answered with 429.</summary>
    public int RateLimitedLastDay { get; private set; }

    public IReadOnlyList<FeedSource> FailingSources { get; private set; } = [];

    public IReadOnlyList<FeedSource> DisabledSources { get; private set; } = [];

    /// <summary>Sources switched off by their health: the first thing a moderator sees after signing in.</summary>
    public IReadOnlyList<string> AutoDisabledSources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var dayAgo = Now.AddDays(-1);
        Recipients = await db.Recipients.CountAsync(ct);
        PendingEvents = await db.Events.CountAsync(e => e.Status == EventStatus.Pending, ct);
        var oldest = await db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Pending).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.CreatedAt }).FirstOrDefaultAsync(ct);
        OldestPending = oldest is null ? null : (oldest.Id, oldest.CreatedAt);

        var lags = await (from o in db.Outbox.AsNoTracking()
                          join e in db.Events.AsNoTracking() on o.SubjectId equals e.Id
                          where o.Kind == OutboxKinds.Alert && o.State == OutboxState.Sent && o.SentAt >= dayAgo && e.DecidedAt != null
                          orderby o.Id descending
                          select new { o.SentAt, e.DecidedAt })
            .Take(LagSample).ToListAsync(ct);
        var sorted = lags.Select(l => (l.SentAt!.Value - l.DecidedAt!.Value).Duration()).Order().ToList();
        Lag = sorted.Count == 0 ? null : (Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Count);

        OutboxDepth = await db.Outbox.CountAsync(o => o.State == OutboxState.Pending, ct);
        DeadLastDay = await db.Outbox.CountAsync(o => o.State == OutboxState.Dead && o.CreatedAt >= dayAgo, ct);
        RateLimitedLastDay = await db.Outbox.CountAsync(o => o.CreatedAt >= dayAgo && o.LastError != null && o.LastError.StartsWith("429"), ct);

        var sources = await db.FeedSources.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        FailingSources = sources.Where(f => f.Enabled && f.ConsecutiveFailures > 0).ToList();
        DisabledSources = sources.Where(f => !f.Enabled).ToList();
        AutoDisabledSources = DisabledSources.Where(f => f.DisabledBy == FeedDisabledBy.Health).Select(f => f.Name).ToList();

        var names = platforms.Names.ToHashSet(StringComparer.Ordinal);
        var report = await health.CheckHealthAsync(r => names.Contains(r.Name), ct);
        var chats = await db.Recipients.AsNoTracking().GroupBy(r => r.Platform).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        PlatformStates = [.. names.Order(StringComparer.Ordinal).Select(n => report.Entries.TryGetValue(n, out var entry)
            ? new PlatformState(n, entry.Status, entry.Status == HealthStatus.Healthy ? null : entry.Description ?? entry.Exception?.Message, chats.GetValueOrDefault(n),
                entry.Data.TryGetValue("mode", out var mode) ? mode as string : null,
                entry.Data.TryGetValue("last_success", out var last) ? last as DateTimeOffset? : null)
            : new PlatformState(n, null, null, chats.GetValueOrDefault(n)))];

        var settings = await db.DigestSettings.AsNoTracking().Include(d => d.Recipient).Where(d => !d.Paused).ToListAsync(ct);
        NextDigests = [.. settings
            .Select(d => (d, At: digests.NextRun(d)))
            .Where(x => x.At is not null)
            .OrderBy(x => x.At)
            .Take(5)
            .Select(x => new NextDigest(x.d.Recipient!.Platform, x.d.Recipient.ChatId, x.At!.Value))];
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>"4 s", "2 min 5 s", "1 h 3 min": short enough for a card.</summary>
    public static string Brief(TimeSpan t) => t.TotalSeconds < 60
        ? $"{t.TotalSeconds:0.#} s"
        : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{(int)t.TotalHours} h {t.Minutes} min";
}
