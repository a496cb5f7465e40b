namespace AlertBot.Core.Feeds;

/// <summary>
/// A news feed the bot polls: its settings (from configuration or the console) and its polling state.
/// The name is the outlet reports from this feed are filed under.
/// </summary>
public sealed class FeedSource
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2048;

    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }

    /// <summary><c>ar</c> or <c>en</c>; null to take the feed's own language or detect it.</summary>
    public string? Language { get; set; }

    /// <summary>Trust tier given to its reports (1 = most trusted); null when unknown.</summary>
    public int? Tier { get; set; }
    public int IntervalSeconds { get; set; }

    /// <summary>Fetch each new item's page and ingest the article's text instead of the feed's summary.</summary>
    public bool FetchArticle { get; set; }

    /// <summary>Only items whose title or text contains one of these pass (none: every item passes).</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>True when the source is defined in configuration (<c>Feeds:Sources:&lt;name&gt;</c>), which wins at start for the fields it sets.</summary>
    public bool FromConfiguration { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Who disabled it: <see cref="FeedDisabledBy"/>.</summary>
    public FeedDisabledBy? DisabledBy { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    public string? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>A <c>FeedFailureKind</c> name, or <c>Ingestion</c> for a store that failed.</summary>
    public string? LastErrorKind { get; set; }
    public string? LastErrorMessage { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }

    /// <summary>Not polled before this time (the interval, or the backoff after failures); null: due now.</summary>
    public DateTimeOffset? NextPollAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum FeedDisabledBy
{
    /// <summary>Failed too often for too long (<c>FeedSourceHealth</c>); moderators are told on the Sources page.</summary>
    Health = 0,

    /// <summary>A console user switched it off.</summary>
    Console = 1,

    /// <summary><c>Feeds:Sources:&lt;name&gt;:Enabled</c> is false, or the source was removed from configuration.</summary>
    Configuration = 2,
}

/// <summary>An item key a source has already delivered: it is never ingested again, across restarts.</summary>
public sealed class FeedItemKey
{
    public const int MaxKeyLength = 450;

    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset SeenAt { get; set; }

    /// <summary>The report it became (or the report it duplicated); null when it was skipped.</summary>
    public long? ReportId { get; set; }

    /// <summary>Why it was not ingested (older than the first-poll horizon, no keyword, rejected); null when ingested.</summary>
    public string? SkippedReason { get; set; }
}
