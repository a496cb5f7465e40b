using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Feeds;

/// <summary>A source's settings as the console form sends them.</summary>
public sealed record FeedSourceInput(string? Name, string? Url, string? Language, int? Tier, int? IntervalSeconds, bool FetchArticle, string? Keywords);

/// <summary>A source with the counts the health page shows.</summary>
public sealed record FeedSourceStatus(FeedSource Source, int IngestedLastDay, int KnownItems);

/// <summary>A change the catalog refused, field by field (form field name → message).</summary>
public sealed class FeedSourceInvalidException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}")))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>Sources in our database: synced from configuration at start, added and changed in the console.</summary>
public sealed class FeedSourceCatalog(AlertBotDb db, TimeProvider time)
{
    /// <summary>
    /// Brings the configured sources into the table: new names are added; for existing ones every field the
    /// configuration sets wins. Sources that left the configuration are disabled. Returns every source.
    /// </summary>
    public async Task<IReadOnlyList<FeedSource>> SyncConfigurationAsync(IReadOnlyDictionary<string, FeedSourceOptions> configured, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await db.FeedSources.ToListAsync(ct);
        foreach (var (name, o) in configured)
        {
            var source = all.SingleOrDefault(s => s.Name == name);
            if (source is null)
            {
                source = new FeedSource
                {
                    Name = name,
                    Url = o.Url!.Trim(),
                    IntervalSeconds = FeedSourceOptions.DefaultIntervalSeconds,
                    CreatedAt = now,
                };
                db.FeedSources.Add(source);
                all.Add(source);
            }
            else if (source.Url != o.Url!.Trim())
            {
                SetUrl(source, o.Url.Trim());
            }

            source.FromConfiguration = true;
            source.Language = o.Language is null ? source.Language : FeedSourceRules.NormaliseLanguage(o.Language);
            source.Tier = o.Tier ?? source.Tier;
            source.IntervalSeconds = o.IntervalSeconds ?? source.IntervalSeconds;
            source.FetchArticle = o.FetchArticle ?? source.FetchArticle;
            source.Keywords = o.Keywords is null ? source.Keywords : FeedSourceRules.ParseKeywords(o.Keywords);
            if (o.Enabled == false)
            {
                Disable(source, FeedDisabledBy.Configuration, $"Feeds:Sources:{name}:Enabled is false", now);
            }
            else if (source.DisabledBy == FeedDisabledBy.Configuration)
            {
                // Disabled by configuration earlier, and the configuration no longer says so. A console or health
                // disable stays: the configuration does not know why it happened.
                Enable(source);
            }

            if (db.Entry(source).State != EntityState.Unchanged)
            {
                source.UpdatedAt = now;
            }
        }

        foreach (var gone in all.Where(s => s.FromConfiguration && !configured.ContainsKey(s.Name)))
        {
            gone.FromConfiguration = false;
            if (gone.Enabled)
            {
                Disable(gone, FeedDisabledBy.Configuration, "removed from configuration", now);
            }

            gone.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return all;
    }

    public async Task<IReadOnlyList<FeedSourceStatus>> ListAsync(CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-1);
        var sources = await db.FeedSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var lastDay = await db.FeedItemKeys.Where(k => k.SeenAt >= since && k.SkippedReason == null)
            .GroupBy(k => k.SourceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var known = await db.FeedItemKeys.GroupBy(k => k.SourceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return sources.Select(s => new FeedSourceStatus(s, lastDay.GetValueOrDefault(s.Id), known.GetValueOrDefault(s.Id))).ToList();
    }

    public Task<FeedSource?> FindAsync(long id, CancellationToken ct) => db.FeedSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);

    public async Task<FeedSource> CreateAsync(FeedSourceInput input, CancellationToken ct)
    {
        var name = await CheckAsync(input, null, ct);
        var now = time.GetUtcNow();
        var source = new FeedSource { Name = name, Url = input.Url!.Trim(), CreatedAt = now };
        Apply(source, input, now);
        db.FeedSources.Add(source);
        await db.SaveChangesAsync(ct);
        return source;
    }

    public async Task<FeedSource?> UpdateAsync(long id, FeedSourceInput input, CancellationToken ct)
    {
        var source = await db.FeedSources.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return null;
        }

        source.Name = await CheckAsync(input, id, ct);
        if (source.Url != input.Url!.Trim())
        {
            SetUrl(source, input.Url.Trim());
        }

        Apply(source, input, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return source;
    }

    /// <summary>Enables (resetting the failure count, so the next poll is immediate) or disables a source from the console.</summary>
    public async Task<FeedSource?> SetEnabledAsync(long id, bool enabled, string by, CancellationToken ct)
    {
        var source = await db.FeedSources.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (enabled && !source.Enabled)
        {
            Enable(source);
            source.ConsecutiveFailures = 0;
            source.NextPollAt = null;
        }
        else if (!enabled && source.Enabled)
        {
            Disable(source, FeedDisabledBy.Console, $"disabled in the console by {by}", now);
        }

        source.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return source;
    }

    private async Task<string> CheckAsync(FeedSourceInput input, long? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Check(string field, string? problem)
        {
            if (problem is not null)
            {
                errors[field] = problem;
            }
        }

        Check(nameof(input.Name), FeedSourceRules.CheckName(input.Name));
        Check(nameof(input.Url), FeedSourceRules.CheckUrl(input.Url));
        Check(nameof(input.Language), FeedSourceRules.CheckLanguage(input.Language));
        Check(nameof(input.Tier), FeedSourceRules.CheckTier(input.Tier));
        Check(nameof(input.IntervalSeconds), input.IntervalSeconds is null ? "is required" : FeedSourceRules.CheckInterval(input.IntervalSeconds));
        var name = input.Name?.Trim() ?? string.Empty;
        if (!errors.ContainsKey(nameof(input.Name)) && await db.FeedSources.AnyAsync(s => s.Name == name && s.Id != id, ct))
        {
            errors[nameof(input.Name)] = $"'{name}' is already the name of another source";
        }

        return errors.Count == 0 ? name : throw new FeedSourceInvalidException(errors);
    }

    private static void Apply(FeedSource source, FeedSourceInput input, DateTimeOffset now)
    {
        source.Language = FeedSourceRules.NormaliseLanguage(input.Language);
        source.Tier = input.Tier;
        source.IntervalSeconds = input.IntervalSeconds!.Value;
        source.FetchArticle = input.FetchArticle;
        source.Keywords = FeedSourceRules.ParseKeywords(input.Keywords);
        source.UpdatedAt = now;
    }

    /// <summary>Another URL is another feed: its validators, failures and schedule start afresh (its known items stay).</summary>
    private static void SetUrl(FeedSource source, string url)
    {
        source.Url = url;
        source.ETag = null;
        source.LastModified = null;
        source.ConsecutiveFailures = 0;
        source.NextPollAt = null;
    }

    private static void Enable(FeedSource source)
    {
        source.Enabled = true;
        source.DisabledBy = null;
        source.DisabledReason = null;
        source.DisabledAt = null;
    }

    private static void Disable(FeedSource source, FeedDisabledBy by, string reason, DateTimeOffset now)
    {
        if (source.Enabled || source.DisabledBy != by || source.DisabledReason != reason)
        {
            source.Enabled = false;
            source.DisabledBy = by;
            source.DisabledReason = reason;
            source.DisabledAt = now;
        }
    }
}
