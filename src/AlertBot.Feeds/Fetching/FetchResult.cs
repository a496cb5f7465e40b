using System.Net;

namespace AlertBot.Feeds;

/// <summary>What to fetch: the feed URL and the validators remembered from the last successful fetch.</summary>
public sealed record FeedRequest(Uri Url, string? ETag = null, DateTimeOffset? LastModified = null);

/// <summary>Why a fetch failed; one value per health-page category.</summary>
public enum FeedFailureKind
{
    /// <summary>The whole fetch did not finish within the timeout (slow headers or slow body).</summary>
    Timeout,
    /// <summary>The body was longer than the cap (declared or actually sent); reading stopped at the cap.</summary>
    TooLarge,
    /// <summary>More redirects than allowed, or a redirect loop.</summary>
    TooManyRedirects,
    /// <summary>The URL or a redirect hop names or resolves to a loopback, private, link-local or otherwise non-public address.</summary>
    BlockedAddress,
    /// <summary>The server answered with an error status (4xx/5xx) or an unusable redirect.</summary>
    HttpStatus,
    /// <summary>The body is an HTML page or another document that is not a feed.</summary>
    NotAFeed,
    /// <summary>The body is malformed XML/JSON or carries a DTD.</summary>
    InvalidDocument,
    /// <summary>DNS, connection, TLS or transfer error.</summary>
    Network,
    /// <summary>The URL is not absolute http(s), or a redirect points to another scheme.</summary>
    InvalidUrl,
}

/// <summary>The outcome of <see cref="FeedFetcher.FetchAsync"/>: exactly one of its nested records.</summary>
public abstract record FetchResult
{
    private FetchResult(Uri requestedUrl) => RequestedUrl = requestedUrl;

    public Uri RequestedUrl { get; }

    /// <summary>304: nothing new. Keep the stored validators unless new ones are given here.</summary>
    public sealed record NotModified(Uri RequestedUrl, Uri FinalUrl, string? ETag, DateTimeOffset? LastModified) : FetchResult(RequestedUrl);

    /// <summary>A feed was fetched and parsed.</summary>
    /// <param name="Body">The raw body (at most the cap), for archiving or re-parsing.</param>
    /// <param name="ETag">The new ETag to send next time, or null.</param>
    /// <param name="LastModified">The new Last-Modified to send next time, or null.</param>
    /// <param name="FinalUrl">The URL after redirects.</param>
    /// <param name="MovedPermanently">True when every redirect hop was permanent (301/308): the stored URL may be updated to <paramref name="FinalUrl"/>.</param>
    public sealed record Fetched(
        Uri RequestedUrl,
        FeedDocument Document,
        ReadOnlyMemory<byte> Body,
        string? ContentType,
        string? ETag,
        DateTimeOffset? LastModified,
        Uri FinalUrl,
        bool MovedPermanently,
        DateTimeOffset FetchedAt) : FetchResult(RequestedUrl);

    /// <summary>The fetch failed; <paramref name="Message"/> is meant for the source-health page.</summary>
    /// <param name="StatusCode">The HTTP status for <see cref="FeedFailureKind.HttpStatus"/>.</param>
    /// <param name="RetryAfter">The server's Retry-After, when it sent one with an error status.</param>
    public sealed record Failed(
        Uri RequestedUrl,
        FeedFailureKind Kind,
        string Message,
        HttpStatusCode? StatusCode = null,
        TimeSpan? RetryAfter = null) : FetchResult(RequestedUrl);
}

/// <summary>The outcome of <see cref="FeedFetcher.FetchArticleAsync"/>.</summary>
public abstract record ArticleResult
{
    private ArticleResult()
    {
    }

    /// <summary>The page was fetched and its main text extracted (possibly empty for a page without text).</summary>
    public sealed record Extracted(Uri FinalUrl, string Text) : ArticleResult;

    /// <summary>The page could not be fetched; same kinds as feeds (<see cref="FeedFailureKind.NotAFeed"/> means not HTML).</summary>
    public sealed record Failed(FeedFailureKind Kind, string Message, HttpStatusCode? StatusCode = null) : ArticleResult;
}
