using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Digests;

/// <summary>
/// Keeps the scheduler's recurring jobs in step with the digest settings: one job per cron of a setting, in the
/// setting's time zone, each running <see cref="DigestJob.RunAsync"/>. Implemented by the host with Hangfire.
/// </summary>
public interface IDigestScheduler
{
    /// <summary>Adds or replaces the setting's jobs (none while it is paused); a change takes effect at once.</summary>
    void Schedule(DigestSetting setting);

    /// <summary>Removes the setting's jobs.</summary>
    void Unschedule(long settingId);
}

/// <summary>
/// Makes a setting's next digest when its time comes: the period from where the last one ended to now, so a run
/// after downtime is one catch-up digest for the whole missed time, not one per missed slot. The period is claimed by
/// moving the setting's <see cref="DigestSetting.CoveredUntil"/> from the value read, so of two instances running the
/// same job only one makes it; the run and its outbox row are written in the same transaction. Reentrant.
/// </summary>
public sealed partial class DigestJob(AlertBotDb db, PipelineSignals signals, TimeProvider time, ILogger<DigestJob> logger)
{
    /// <summary>Returns the digest run made, or null when there was nothing to do (paused, deleted, already made).</summary>
    public async Task<long?> RunAsync(long settingId, CancellationToken ct)
    {
        var setting = await db.DigestSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == settingId, ct);
        if (setting is null || setting.Paused)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var from = setting.CoveredUntil ?? setting.CreatedAt;
        if (now <= from)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var read = setting.CoveredUntil;
        var claimed = await db.DigestSettings
            .Where(s => s.Id == settingId && (read == null ? s.CoveredUntil == null : s.CoveredUntil == read))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CoveredUntil, now), ct);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(ct);
            return null; // another instance made this digest
        }

        var run = new DigestRun { SettingId = settingId, PeriodFrom = from, PeriodTo = now, CreatedAt = now };
        db.DigestRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.Outbox.Add(new OutboxItem { RecipientId = setting.RecipientId, Kind = OutboxKinds.Digest, SubjectId = run.Id, State = OutboxState.Pending, DueAt = now, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.Dispatch.Signal();
        LogMade(settingId, run.Id, from, now);
        return run.Id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest setting {SettingId}: digest run {RunId} made for {From:u} .. {To:u}")]
    private partial void LogMade(long settingId, long runId, DateTimeOffset from, DateTimeOffset to);
}

/// <summary>
/// Writes a digest run for its chat when the dispatcher sends it: the period's events as they are then, loaded once for
/// the whole batch of runs, and the period's map where the platform takes images (drawn once per run, when first needed).
/// </summary>
public sealed class DigestComposer(DigestBuilder builder, IDigestMapRenderer? maps = null) : IOutboxComposer
{
    /// <summary>Distinct maps kept: the digests of one hour (many channels, few distinct contents) share them.</summary>
    private const int SharedMaps = 64;

    // Maps by what they show (the renderer is deterministic): channels whose digests show the same events in the same
    // language, zone and period (to the minute, as the map's title shows it) get one picture drawn once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<byte[]?>> _maps = new(StringComparer.Ordinal);

    public string Kind => OutboxKinds.Digest;

    public string RegistryKind => OutboxKinds.Digest;

    /// <summary>The admin chose the time: a digest is sent then, without a sound during the chat's quiet hours.</summary>
    public QuietRule Quiet => QuietRule.Silence;

    /// <summary>A digest has its own pause (<c>/digest pause</c>); pausing alerts leaves it alone.</summary>
    public bool CancelledWhenPaused => false;

    public async Task<IOutboxBatch> LoadAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.SubjectId).Distinct().ToList();
        var runs = await db.DigestRuns.AsNoTracking().Include(r => r.Setting).Where(r => ids.Contains(r.Id) && r.Setting != null).ToListAsync(ct);
        var pool = await new DigestQueries(db, builder.Matcher).LoadPoolAsync([.. runs.Select(r => new DigestPeriod(r.PeriodFrom, r.PeriodTo))], prefilter: null, ct);

        // Chats in digest mode: their digest covers what their subscriptions ask for, loaded once for the batch.
        var inDigestMode = runs.Where(r => r.Setting!.InsteadOfAlerts).Select(r => r.Setting!.RecipientId).Distinct().ToList();
        var subscriptions = inDigestMode.Count == 0
            ? []
            : await db.Subscriptions.AsNoTracking().Where(s => inDigestMode.Contains(s.RecipientId)).ToListAsync(ct);
        var byRecipient = subscriptions.ToLookup(s => s.RecipientId);

        var digests = new Dictionary<long, RunDigest>();
        foreach (var run in runs)
        {
            var setting = run.Setting!;
            var request = DigestRequests.For(setting, new DigestPeriod(run.PeriodFrom, run.PeriodTo));
            var events = pool.For(request.Period, request.Filter);
            if (setting.InsteadOfAlerts)
            {
                events = DigestRequests.CoveredBy(events, [.. byRecipient[setting.RecipientId]], builder.Matcher);
            }

            digests[run.Id] = new RunDigest(builder.Build(request, events), this, run.Id);
        }

        return new Batch(digests);
    }

    /// <summary>The map of <paramref name="document"/>, drawn once per distinct content; null without a renderer or a place to show.</summary>
    private byte[]? MapOf(DigestDocument document)
    {
        if (maps is null)
        {
            return null;
        }

        var request = document.Request;
        var key = string.Join('|',
            request.Language, request.Zone.Id,
            request.Period.From.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture),
            request.Period.To.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(';', document.Events.Select(e =>
                $"{e.EventId}:{e.Change}:{string.Join(',', e.EventTypes)}:{string.Join(',', e.PlaceIds)}:{string.Join(',', e.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value))}")));
        if (_maps.Count >= SharedMaps)
        {
            _maps.Clear(); // a new hour's digests; the old pictures are not needed again
        }

        return _maps.GetOrAdd(key, _ => new Lazy<byte[]?>(() => maps.RenderPng(document))).Value;
    }

    /// <summary>One run's digest and, drawn (or shared) on first use, its map.</summary>
    private sealed class RunDigest(DigestDocument document, DigestComposer composer, long runId)
    {
        private readonly Lazy<ChatImage?> _map = new(() => composer.MapOf(document) is { } png
            ? new ChatImage(png, $"digest-{runId}.png", DigestRequests.MapAltText(document.Request.Language))
            : null);

        public DigestDocument Document => document;

        public ChatImage? Map => _map.Value;
    }

    private sealed class Batch(Dictionary<long, RunDigest> digests) : IOutboxBatch
    {
        public Composition Compose(OutboxItem row, Recipient recipient, IChatPlatform platform, IReadOnlyList<SentMessage> registry, DateTimeOffset now)
        {
            if (!digests.TryGetValue(row.SubjectId, out var digest))
            {
                return new Composition.Cancel("the digest setting was deleted");
            }

            var parts = DigestRequests.Write(digest.Document, platform);
            return parts.Count == 0
                ? new Composition.Cancel("nothing confirmed in the period, and the digest says nothing then")
                : new Composition.Send(parts) { Image = platform.Capabilities.MaxCaptionLength > 0 && !digest.Document.IsEmpty ? digest.Map : null };
        }
    }
}

/// <summary>How a setting becomes a request to the builder, and a digest becomes a platform's messages.</summary>
public static class DigestRequests
{
    public static DigestRequest For(DigestSetting setting, DigestPeriod period) =>
        new(period, setting.Filter, setting.Language, setting.WhenEmpty, Zone(setting.TimeZone));

    /// <summary>The digest in the platform's markup, split at its length without cutting an item; none for an empty period that says nothing.</summary>
    public static IReadOnlyList<string> Write(DigestDocument digest, IChatPlatform platform) =>
        digest.IsEmpty && digest.Request.WhenEmpty == EmptyDigest.Nothing
            ? []
            : digest.Write(platform.Markup, Math.Min(platform.Markup.MaxLength, platform.Capabilities.MaxTextLength));

    /// <summary>The events that at least one of the chat's subscriptions asks for (a digest in digest mode); none without subscriptions.</summary>
    public static IReadOnlyList<DigestEvent> CoveredBy(IReadOnlyList<DigestEvent> events, IReadOnlyList<Subscription> subscriptions, DigestFilterMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(matcher);
        var filters = subscriptions.Select(s => new DigestFilter(
            s.PlaceId is { } place ? [place] : [],
            s.ActorId is { } actor ? [actor] : [],
            s.EventType is { } type ? [type] : [])).ToList();
        return [.. events.Where(e => filters.Any(f => matcher.Matches(f, e)))];
    }

    /// <summary>What the map shows, for readers who cannot see it, in the digest's language(s).</summary>
    public static string MapAltText(ChatLanguage language) => language switch
    {
        ChatLanguage.Ar => "خريطة أماكن حوادث الفترة",
        ChatLanguage.En => "Map of the period's incident locations",
        _ => "خريطة أماكن حوادث الفترة · Map of the period's incident locations",
    };

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Recipient.DefaultTimeZone);
}
