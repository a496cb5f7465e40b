using System.Globalization;
using AlertBot.Feeds;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Feeds;

/// <summary>The <c>Feeds</c> section: the configured sources and how every source is fetched.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    public Dictionary<string, FeedSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Allows feed URLs that resolve to loopback, private or link-local addresses (tests, a lab). Off by default.</summary>
    public bool AllowPrivateAddresses { get; set; }

    public int TimeoutSeconds { get; set; } = 20;

    public int MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>A page for site operators, sent in the User-Agent.</summary>
    public string? ContactUrl { get; set; }

    /// <summary>At a source's first poll, items older than this are remembered but not ingested.</summary>
    public int FirstPollHorizonHours { get; set; } = (int)FirstPollHorizon.DefaultHorizon.TotalHours;

    /// <summary>Consecutive failures after which a source is disabled (if it also had no success for <see cref="DisableWithoutSuccessHours"/>).</summary>
    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>Hours without a success before failures can disable a source; 0: the failure count alone decides.</summary>
    public int DisableWithoutSuccessHours { get; set; } = 24;

    /// <summary>Longest wait between two polls of a failing source.</summary>
    public int MaxBackoffMinutes { get; set; } = 360;

    public FeedFetcherOptions FetcherOptions() => new()
    {
        AllowPrivateAddresses = AllowPrivateAddresses,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxResponseBytes = MaxResponseBytes,
        ContactUrl = string.IsNullOrWhiteSpace(ContactUrl) ? null : new Uri(ContactUrl, UriKind.Absolute),
    };

    public FeedHealthOptions HealthOptions() => new()
    {
        DisableAfterConsecutiveFailures = DisableAfterFailures,
        DisableOnlyWithoutSuccessFor = TimeSpan.FromHours(DisableWithoutSuccessHours),
        MaxBackoff = TimeSpan.FromMinutes(MaxBackoffMinutes),
    };
}

/// <summary>
/// One <c>Feeds:Sources:&lt;name&gt;</c> entry. Every field but <see cref="Url"/> is optional; the fields that are set
/// overwrite the stored source at every start (console edits of them do not survive a restart), the others keep
/// what the console set.
/// </summary>
public sealed class FeedSourceOptions
{
    public const int DefaultIntervalSeconds = 300;

    public string? Url { get; set; }

    public string? Language { get; set; }

    public int? Tier { get; set; }

    public int? IntervalSeconds { get; set; }

    public bool? FetchArticle { get; set; }

    /// <summary>Comma-separated (<c>,</c> or <c>،</c>).</summary>
    public string? Keywords { get; set; }

    public bool? Enabled { get; set; }
}

/// <summary>The rules a source's fields follow, shared by configuration validation and the console form.</summary>
public static class FeedSourceRules
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 7 * 24 * 3600;

    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "is required"
        : name.Trim().Length > FeedSource.MaxNameLength ? $"is longer than {FeedSource.MaxNameLength} characters"
        : null;

    public static string? CheckUrl(string? url) =>
        string.IsNullOrWhiteSpace(url) ? "is required"
        : url.Length > FeedSource.MaxUrlLength ? $"is longer than {FeedSource.MaxUrlLength} characters"
        : !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            ? $"'{url}' is not an absolute http or https URL"
        : null;

    public static string? CheckLanguage(string? language) =>
        string.IsNullOrWhiteSpace(language) || language.Trim().ToLowerInvariant() is "ar" or "en" ? null : $"'{language}' is not ar or en";

    public static string? CheckTier(int? tier) => tier is null or (>= 1 and <= 9) ? null : $"{tier} is not between 1 (most trusted) and 9";

    public static string? CheckInterval(int? seconds) =>
        seconds is null or (>= MinIntervalSeconds and <= MaxIntervalSeconds) ? null : $"{seconds} is not between {MinIntervalSeconds} and {MaxIntervalSeconds}";

    public static List<string> ParseKeywords(string? keywords) =>
        (keywords ?? string.Empty).Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Feeds write <c>ar-SY</c>, <c>en-GB</c>…; the pipeline takes <c>ar</c> or <c>en</c>, and detects anything else.</summary>
    public static string? ReportLanguage(string? feedLanguage) =>
        feedLanguage?.Trim().ToLowerInvariant() switch
        {
            null => null,
            var l when l == "ar" || l.StartsWith("ar-", StringComparison.Ordinal) => "ar",
            var l when l == "en" || l.StartsWith("en-", StringComparison.Ordinal) => "en",
            _ => null,
        };

    public static string? NormaliseLanguage(string? language) => string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();

    /// <summary>Recurring jobs fire at most once a minute; shorter intervals are polled every minute.</summary>
    public static TimeSpan EffectiveInterval(int seconds) => TimeSpan.FromSeconds(Math.Max(60, seconds));

    /// <summary>
    /// The cron expression of a source's recurring job. Intervals that divide an hour (or a day) map exactly; others fire
    /// every minute and the job's due check (<see cref="FeedSource.NextPollAt"/>) keeps the interval.
    /// </summary>
    public static string Cron(int seconds)
    {
        var minutes = (int)Math.Ceiling(EffectiveInterval(seconds).TotalMinutes);
        if (minutes == 1)
        {
            return "* * * * *";
        }

        if (minutes < 60 && 60 % minutes == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"*/{minutes} * * * *");
        }

        if (minutes % 60 == 0 && minutes / 60 is var hours and < 24 && 24 % hours == 0)
        {
            return hours == 1 ? "0 * * * *" : string.Create(CultureInfo.InvariantCulture, $"0 */{hours} * * *");
        }

        return minutes == 24 * 60 ? "0 0 * * *" : "* * * * *";
    }
}

internal sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        var failures = new List<string>();
        void Check(string key, string? problem)
        {
            if (problem is not null)
            {
                failures.Add($"{key} {problem}");
            }
        }

        foreach (var (source, o) in options.Sources)
        {
            var prefix = $"Feeds:Sources:{source}";
            Check(prefix, source.Length > FeedSource.MaxNameLength ? $"has a name longer than {FeedSource.MaxNameLength} characters" : null);
            Check(prefix + ":Url", FeedSourceRules.CheckUrl(o.Url));
            Check(prefix + ":Language", FeedSourceRules.CheckLanguage(o.Language));
            Check(prefix + ":Tier", FeedSourceRules.CheckTier(o.Tier));
            Check(prefix + ":IntervalSeconds", FeedSourceRules.CheckInterval(o.IntervalSeconds));
        }

        Check("Feeds:TimeoutSeconds", options.TimeoutSeconds is >= 1 and <= 600 ? null : "must be between 1 and 600");
        Check("Feeds:MaxResponseBytes", options.MaxResponseBytes is >= 1024 and <= 256 * 1024 * 1024 ? null : "must be between 1024 and 268435456");
        Check("Feeds:ContactUrl", string.IsNullOrWhiteSpace(options.ContactUrl) ? null : FeedSourceRules.CheckUrl(options.ContactUrl));
        Check("Feeds:FirstPollHorizonHours", options.FirstPollHorizonHours is >= 0 and <= 24 * 365 ? null : "must be between 0 and 8760");
        Check("Feeds:DisableAfterFailures", options.DisableAfterFailures >= 1 ? null : "must be at least 1");
        Check("Feeds:DisableWithoutSuccessHours", options.DisableWithoutSuccessHours >= 0 ? null : "must not be negative");
        Check("Feeds:MaxBackoffMinutes", options.MaxBackoffMinutes >= 1 ? null : "must be at least 1");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
