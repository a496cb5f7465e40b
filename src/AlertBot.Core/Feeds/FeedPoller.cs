using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Feeds;

/// <summary>What one poll did.</summary>
public enum FeedPollOutcome
{
    Fetched,
    NotModified,
    Failed,

    /// <summary>Failed, and failed often enough for long enough that the source is now disabled.</summary>
    AutoDisabled,

    /// <summary>Skipped: its next poll (interval or backoff) is later.</summary>
    NotDue,

    /// <summary>Skipped: the source is disabled.</summary>
    Disabled,

    /// <summary>Skipped: no source has this id (deleted while its job was queued).</summary>
    Missing,
}

/// <summary>The result of one poll: the outcome and how many new items became reports.</summary>
public sealed record FeedPollResult(FeedPollOutcome Outcome, int Ingested = 0, int Duplicates = 0, int Skipped = 0);

/// <summary>
/// One poll of one source (docs/feeds.md, "One poll of a source"): fetch with the stored validators, skip known
/// items, filter new ones (first-poll horizon, keywords), optionally fetch articles, ingest, remember the keys, and
/// update the source's health. Safe to run twice at once: item keys are unique per source and reports are de-duplicated.
/// </summary>
public sealed partial class FeedPoller(
    AlertBotDbFactory dbFactory,
    ReportIngestor ingestor,
    FeedFetcher fetcher,
    FeedSourceHealth health,
    IOptions<FeedsOptions> options,
    FeedMetrics metrics,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    /// <summary>A source whose next poll is this close counts as due, so a recurring job firing on the interval is not skipped for a few seconds.</summary>
    private static readonly TimeSpan MaxDueTolerance = TimeSpan.FromSeconds(30);

    public async Task<FeedPollResult> PollAsync(long sourceId, bool force, CancellationToken ct)
    {
        // Feed state lives in its own context: the ingestor's context may clear its change tracker on a retry.
        await using var db = dbFactory.Create();
        var source = await db.FeedSources.SingleOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null)
        {
            return new FeedPollResult(FeedPollOutcome.Missing);
        }

        if (!source.Enabled)
        {
            return new FeedPollResult(FeedPollOutcome.Disabled);
        }

        var interval = FeedSourceRules.EffectiveInterval(source.IntervalSeconds);
        var started = time.GetUtcNow();
        var tolerance = interval / 2 < MaxDueTolerance ? interval / 2 : MaxDueTolerance;
        if (!force && source.NextPollAt is { } next && next > started + tolerance)
        {
            return new FeedPollResult(FeedPollOutcome.NotDue);
        }

        var fetched = await fetcher.FetchAsync(new FeedRequest(new Uri(source.Url), source.ETag, source.LastModified), ct);
        var result = fetched switch
        {
            FetchResult.Fetched f => await IngestAsync(db, source, f, ct),
            FetchResult.NotModified => new FeedPollResult(FeedPollOutcome.NotModified),
            _ => new FeedPollResult(FeedPollOutcome.Failed),
        };

        var now = time.GetUtcNow();
        source.LastPolledAt = now;
        switch (fetched)
        {
            case FetchResult.Fetched f:
                // Stored even when null: the server dropped them.
                source.ETag = Truncate(f.ETag, 1000);
                source.LastModified = f.LastModified;
                if (f.MovedPermanently && f.FinalUrl != f.RequestedUrl && f.FinalUrl.AbsoluteUri.Length <= FeedSource.MaxUrlLength)
                {
                    LogMoved(logger, source.Name, source.Url, f.FinalUrl.AbsoluteUri);
                    source.Url = f.FinalUrl.AbsoluteUri;
                }

                Succeeded(source, interval, now);
                break;
            case FetchResult.NotModified nm:
                source.ETag = Truncate(nm.ETag, 1000) ?? source.ETag;
                source.LastModified = nm.LastModified ?? source.LastModified;
                Succeeded(source, interval, now);
                break;
            case FetchResult.Failed failed:
                source.ConsecutiveFailures++;
                source.LastErrorKind = failed.Kind.ToString();
                source.LastErrorMessage = Truncate(failed.Message, 2000);
                source.LastErrorAt = now;
                var decision = health.Evaluate(source.ConsecutiveFailures, source.LastSuccessAt, interval, now, failed.RetryAfter);
                source.NextPollAt = decision.NextPollAt;
                LogFailed(logger, source.Name, failed.Kind, failed.Message, source.ConsecutiveFailures, decision.NextPollAt);
                if (decision.ShouldDisable)
                {
                    source.Enabled = false;
                    source.DisabledBy = FeedDisabledBy.Health;
                    source.DisabledAt = now;
                    source.DisabledReason = Truncate($"{decision.Reason} Last error: {failed.Kind}: {failed.Message}", 1000);
                    result = result with { Outcome = FeedPollOutcome.AutoDisabled };

                    // The moderators' notice: this warning, the banner on the console's Sources page, and an audit entry
                    // (saved with the change) that the moderators' chats announce.
                    LogAutoDisabled(logger, source.Name, source.DisabledReason);
                    db.AuditEntries.Add(new AuditEntry
                    {
                        At = now,
                        Actor = "feeds",
                        Action = ModerationActions.SourceDisabled,
                        Detail = Truncate($"{source.Name}: {source.DisabledReason}", 2000),
                    });
                }

                break;
        }

        source.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        metrics.Polled(source.Name, result.Outcome);
        metrics.Items(source.Name, "ingested", result.Ingested);
        metrics.Items(source.Name, "duplicate", result.Duplicates);
        metrics.Items(source.Name, "skipped", result.Skipped);
        LogPolled(logger, source.Name, result.Outcome, result.Ingested, result.Duplicates, result.Skipped);
        return result;
    }

    private static void Succeeded(FeedSource source, TimeSpan interval, DateTimeOffset now)
    {
        source.ConsecutiveFailures = 0;
        source.LastSuccessAt = now;
        source.NextPollAt = now + interval;
    }

    private async Task<FeedPollResult> IngestAsync(AlertBotDb db, FeedSource source, FetchResult.Fetched fetched, CancellationToken ct)
    {
        var items = fetched.Document.Items;
        var keys = items.Select(i => i.Key).ToList();
        var known = (await db.FeedItemKeys.Where(k => k.SourceId == source.Id && keys.Contains(k.Key)).Select(k => k.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = items.Where(i => !known.Contains(i.Key)).ToList();
        if (fresh.Count == 0)
        {
            return new FeedPollResult(FeedPollOutcome.Fetched);
        }

        // The first poll takes only recent items; older ones are remembered so that later polls skip them too.
        var firstPoll = source.LastSuccessAt is null;
        var recent = firstPoll
            ? FirstPollHorizon.Filter(fresh, fetched.FetchedAt, TimeSpan.FromHours(options.Value.FirstPollHorizonHours)).Select(i => i.Key).ToHashSet(StringComparer.Ordinal)
            : null;
        var prefilter = new KeywordPrefilter(source.Keywords);
        int ingested = 0, duplicates = 0, skipped = 0;
        foreach (var item in fresh)
        {
            var key = new FeedItemKey { SourceId = source.Id, Key = item.Key, SeenAt = time.GetUtcNow() };
            var duplicate = false;
            if (recent is not null && !recent.Contains(item.Key))
            {
                key.SkippedReason = "older than the first-poll horizon";
            }
            else if (!prefilter.Matches(item))
            {
                key.SkippedReason = "no keyword of the source matched";
            }
            else
            {
                var text = await TextAsync(source, item, ct);
                try
                {
                    var report = await ingestor.IngestAsync(
                        new ReportSubmission(
                            source.Name,
                            item.Link?.AbsoluteUri,
                            item.Title,
                            string.IsNullOrWhiteSpace(text) ? item.Title : text,
                            source.Language ?? FeedSourceRules.ReportLanguage(item.Language),
                            item.DateWasMissing ? null : item.PublishedAt,
                            "feed:" + source.Name,
                            source.Tier),
                        ct);
                    key.ReportId = report.ReportId;
                    duplicate = report.Duplicate;
                }
                catch (ReportRejectedException ex)
                {
                    // Counted as skipped and remembered with the reason, so later polls do not try it again.
                    LogItemRefused(logger, source.Name, item.Key, ex.Message);
                    key.SkippedReason = Truncate(ex.Message, 500);
                }
            }

            if (key.SkippedReason is not null)
            {
                skipped++;
            }
            else if (duplicate)
            {
                duplicates++;
            }
            else
            {
                ingested++;
            }

            await RememberAsync(db, key, ct);
        }

        return new FeedPollResult(FeedPollOutcome.Fetched, ingested, duplicates, skipped);
    }

    private async Task<string> TextAsync(FeedSource source, FeedItem item, CancellationToken ct)
    {
        if (!source.FetchArticle || item.Link is null)
        {
            return item.Text;
        }

        var article = await fetcher.FetchArticleAsync(item.Link, ct);
        switch (article)
        {
            case ArticleResult.Extracted { Text.Length: > 0 } extracted:
                return extracted.Text;
            case ArticleResult.Failed failed:
                LogArticleFailed(logger, source.Name, item.Link, failed.Kind, failed.Message);
                return item.Text;
            default:
                return item.Text;
        }
    }

    private static async Task RememberAsync(AlertBotDb db, FeedItemKey key, CancellationToken ct)
    {
        db.FeedItemKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(key).State == EntityState.Added)
        {
            // A poll of the same source running at the same moment remembered it first; anything else is a real failure.
            db.Entry(key).State = EntityState.Detached;
            if (!await db.FeedItemKeys.AsNoTracking().AnyAsync(k => k.SourceId == key.SourceId && k.Key == key.Key, ct))
            {
                throw;
            }
        }
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    [LoggerMessage(LogLevel.Information, "Feed {Source} polled: {Outcome}; {Ingested} new report(s), {Duplicates} duplicate(s), {Skipped} skipped")]
    private static partial void LogPolled(ILogger logger, string source, FeedPollOutcome outcome, int ingested, int duplicates, int skipped);

    [LoggerMessage(LogLevel.Warning, "Feed {Source} item {Key} refused: {Reason}")]
    private static partial void LogItemRefused(ILogger logger, string source, string key, string reason);

    [LoggerMessage(LogLevel.Information, "Feed {Source} failed ({Kind}: {Message}); {Failures} consecutive failure(s), next poll at {NextPollAt}")]
    private static partial void LogFailed(ILogger logger, string source, FeedFailureKind kind, string message, int failures, DateTimeOffset nextPollAt);

    [LoggerMessage(LogLevel.Warning, "Feed {Source} disabled after repeated failures: {Reason} Moderators: see the console's Sources page to enable it again")]
    private static partial void LogAutoDisabled(ILogger logger, string source, string? reason);

    [LoggerMessage(LogLevel.Information, "Feed {Source} moved permanently from {OldUrl} to {NewUrl}; the new URL is stored")]
    private static partial void LogMoved(ILogger logger, string source, string oldUrl, string newUrl);

    [LoggerMessage(LogLevel.Information, "Feed {Source}: article {Url} not fetched ({Kind}: {Message}); the feed's text is used")]
    private static partial void LogArticleFailed(ILogger logger, string source, Uri url, FeedFailureKind kind, string message);
}
