using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds;

/// <summary>
/// Polite, bounded feed fetching: conditional GET, a whole-fetch timeout, redirects followed hop by hop (each hop's
/// address checked, loops detected), a streamed size cap, a per-host concurrency limit and a User-Agent naming the
/// bot. Never throws for a failed fetch: every problem ends as <see cref="FetchResult.Failed"/>; only cancellation
/// by the caller's token propagates. Thread-safe; share one instance.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private readonly HttpClient client;
    private readonly bool ownsClient;
    private readonly FeedFetcherOptions options;
    private readonly TimeProvider timeProvider;
    private readonly AddressPolicy policy;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hostSlots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Uses <paramref name="httpClient"/>, whose primary handler must come from <see cref="FeedHttpHandler.Create"/>
    /// (for example through <c>ConfigurePrimaryHttpMessageHandler</c>): that handler is what refuses names resolving
    /// to internal addresses. Literal IP URLs are refused here as well, before any request.
    /// </summary>
    public FeedFetcher(HttpClient httpClient, FeedFetcherOptions options, TimeProvider timeProvider)
        : this(httpClient, ownsClient: false, options, timeProvider)
    {
    }

    private FeedFetcher(HttpClient httpClient, bool ownsClient, FeedFetcherOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        client = httpClient;
        this.ownsClient = ownsClient;
        this.options = options;
        this.timeProvider = timeProvider;
        policy = new AddressPolicy(options.AllowPrivateAddresses, options.ParseAllowedAddresses());
    }

    /// <summary>A fetcher with its own handler and client (disposed with it).</summary>
    public static FeedFetcher Create(FeedFetcherOptions options, TimeProvider timeProvider) =>
        new(FeedHttpHandler.CreateClient(options), ownsClient: true, options, timeProvider);

    public FeedFetcherOptions Options => options;

    /// <summary>Fetches and parses one feed.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<FetchResult> FetchAsync(FeedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exchange = await ExchangeAsync(request.Url, FeedHttpHandler.FeedAcceptTypes, request.ETag, request.LastModified, cancellationToken)
            .ConfigureAwait(false);
        if (exchange.Failure is { } failure)
        {
            return new FetchResult.Failed(request.Url, failure.Kind, failure.Message, failure.StatusCode, failure.RetryAfter);
        }

        if (exchange.NotModified)
        {
            return new FetchResult.NotModified(request.Url, exchange.FinalUrl, exchange.ETag, exchange.LastModified);
        }

        try
        {
            var document = FeedParser.Parse(exchange.Body.Span, exchange.ContentType, exchange.FinalUrl, exchange.FetchedAt);
            return new FetchResult.Fetched(
                request.Url,
                document,
                exchange.Body,
                exchange.ContentType,
                exchange.ETag,
                exchange.LastModified,
                exchange.FinalUrl,
                exchange.MovedPermanently,
                exchange.FetchedAt);
        }
        catch (FeedFormatException ex)
        {
            var kind = ex.Error is FeedFormatError.NotAFeed or FeedFormatError.UnsupportedFormat
                ? FeedFailureKind.NotAFeed
                : FeedFailureKind.InvalidDocument;
            return new FetchResult.Failed(request.Url, kind, ex.Message);
        }
    }

    /// <summary>Fetches an article page (same guards as feeds) and extracts its main text.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<ArticleResult> FetchArticleAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var exchange = await ExchangeAsync(url, FeedHttpHandler.PageAcceptTypes, null, null, cancellationToken).ConfigureAwait(false);
        if (exchange.Failure is { } failure)
        {
            return new ArticleResult.Failed(failure.Kind, failure.Message, failure.StatusCode);
        }

        if (exchange.NotModified)
        {
            return new ArticleResult.Failed(FeedFailureKind.HttpStatus, "HTTP 304 Not Modified for an unconditional request.", HttpStatusCode.NotModified);
        }

        var mediaType = exchange.ContentType?.Split(';')[0].Trim();
        if (mediaType is not null && !mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return new ArticleResult.Failed(FeedFailureKind.NotAFeed, $"The article URL returned '{mediaType}', not an HTML page.");
        }

        var html = TextDecoding.Decode(exchange.Body.Span, exchange.ContentType, lookForHtmlMeta: true, out _);
        return new ArticleResult.Extracted(exchange.FinalUrl, ArticleTextExtractor.Extract(html, exchange.FinalUrl));
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        foreach (var slot in hostSlots.Values)
        {
            slot.Dispose();
        }
    }

    private async Task<Exchange> ExchangeAsync(
        Uri url,
        IReadOnlyList<System.Net.Http.Headers.MediaTypeWithQualityHeaderValue> accept,
        string? etag,
        DateTimeOffset? lastModified,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        var current = url;
        var visited = new List<Uri>();
        var movedPermanently = true;
        var timerStarted = false;
        try
        {
            while (true)
            {
                if (CheckUrl(current) is { } invalid)
                {
                    return invalid;
                }

                var slot = hostSlots.GetOrAdd(current.IdnHost, _ => new SemaphoreSlim(options.MaxConcurrencyPerHost, options.MaxConcurrencyPerHost));
                await slot.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    if (!timerStarted)
                    {
                        timeout.CancelAfter(options.Timeout);
                        timerStarted = true;
                    }

                    visited.Add(current);
                    using var request = new HttpRequestMessage(HttpMethod.Get, current);
                    foreach (var type in accept)
                    {
                        request.Headers.Accept.Add(type);
                    }

                    request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                    if (SameOrigin(current, url))
                    {
                        if (!string.IsNullOrWhiteSpace(etag))
                        {
                            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                        }

                        if (lastModified is { } since)
                        {
                            request.Headers.IfModifiedSince = since;
                        }
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (status is 301 or 302 or 303 or 307 or 308)
                    {
                        if (response.Headers.Location is not { } location)
                        {
                            return Exchange.Fail(FeedFailureKind.HttpStatus, $"HTTP {status} redirect without a Location header.", response.StatusCode);
                        }

                        var next = new Uri(current, location);
                        movedPermanently &= status is 301 or 308;
                        if (visited.Any(v => v == next))
                        {
                            return Exchange.Fail(
                                FeedFailureKind.TooManyRedirects,
                                $"Redirect loop: {string.Join(" -> ", visited.Select(v => v.AbsoluteUri))} -> {next.AbsoluteUri}.");
                        }

                        if (visited.Count > options.MaxRedirects)
                        {
                            return Exchange.Fail(
                                FeedFailureKind.TooManyRedirects,
                                string.Create(CultureInfo.InvariantCulture, $"More than {options.MaxRedirects} redirects (last to {next.AbsoluteUri})."));
                        }

                        current = next;
                        continue;
                    }

                    var newETag = response.Headers.TryGetValues("ETag", out var etags) ? etags.FirstOrDefault() : null;
                    var newLastModified = response.Content.Headers.LastModified;
                    if (response.StatusCode == HttpStatusCode.NotModified)
                    {
                        return new Exchange { NotModified = true, FinalUrl = current, ETag = newETag, LastModified = newLastModified };
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        return Exchange.Fail(
                            FeedFailureKind.HttpStatus,
                            string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}").TrimEnd(),
                            response.StatusCode,
                            RetryAfter(response));
                    }

                    var declared = response.Content.Headers.ContentLength;
                    if (declared > options.MaxResponseBytes)
                    {
                        return Exchange.Fail(
                            FeedFailureKind.TooLarge,
                            string.Create(CultureInfo.InvariantCulture, $"The response declares {declared} bytes; the limit is {options.MaxResponseBytes}."));
                    }

                    var body = await ReadCappedAsync(response.Content, declared, options.MaxResponseBytes, ct).ConfigureAwait(false);
                    if (body is null)
                    {
                        return Exchange.Fail(
                            FeedFailureKind.TooLarge,
                            string.Create(CultureInfo.InvariantCulture, $"The response is longer than {options.MaxResponseBytes} bytes; reading stopped at the limit."));
                    }

                    return new Exchange
                    {
                        FinalUrl = current,
                        Body = body,
                        ContentType = response.Content.Headers.ContentType?.ToString(),
                        ETag = newETag,
                        LastModified = newLastModified,
                        MovedPermanently = visited.Count > 1 && movedPermanently,
                        FetchedAt = timeProvider.GetUtcNow(),
                    };
                }
                finally
                {
                    slot.Release();
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Exchange.Fail(
                FeedFailureKind.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"No complete response from {current.Host} within {options.Timeout.TotalMilliseconds:0} ms."));
        }
        catch (HttpRequestException ex)
        {
            return Classify(ex, current, cancellationToken);
        }
        catch (IOException ex)
        {
            return Classify(ex, current, cancellationToken);
        }
    }

    private Exchange? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Exchange.Fail(FeedFailureKind.InvalidUrl, $"'{url}' is not an absolute http or https URL.");
        }

        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && policy.BlockReason(literal) is { } reason)
        {
            return Exchange.Fail(FeedFailureKind.BlockedAddress, BlockedAddressException.For(literal.ToString(), literal, reason).Message);
        }

        return null;
    }

    private static Exchange Classify(Exception ex, Uri url, CancellationToken callerToken)
    {
        callerToken.ThrowIfCancellationRequested();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BlockedAddressException blocked:
                    return Exchange.Fail(FeedFailureKind.BlockedAddress, blocked.Message);
                case OperationCanceledException or TimeoutException:
                    return Exchange.Fail(FeedFailureKind.Timeout, $"Timed out talking to {url.Host}.");
                case SocketException socket:
                    return Exchange.Fail(FeedFailureKind.Network, $"{url.Host}: {socket.SocketErrorCode} ({socket.Message})");
                case AuthenticationException tls:
                    return Exchange.Fail(FeedFailureKind.Network, $"{url.Host}: TLS failure ({tls.Message})");
                default:
                    break;
            }
        }

        return Exchange.Fail(FeedFailureKind.Network, $"{url.Host}: {ex.Message}");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the body into a buffer that never grows past <paramref name="cap"/> bytes (plus one byte to detect
    /// overflow); returns null as soon as the body proves longer, leaving the rest unread.
    /// </summary>
    internal static async Task<byte[]?> ReadCappedAsync(HttpContent content, long? declaredLength, int cap, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var limit = cap + 1;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(declaredLength is > 0 ? declaredLength.Value + 1 : 64 * 1024, limit));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= limit)
                        {
                            return null;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer.AsSpan(0, length).ToArray();
                    }

                    length += read;
                    if (length > cap)
                    {
                        return null;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private sealed class Exchange
    {
        public (FeedFailureKind Kind, string Message, HttpStatusCode? StatusCode, TimeSpan? RetryAfter)? Failure { get; init; }

        public bool NotModified { get; init; }

        public Uri FinalUrl { get; init; } = null!;

        public ReadOnlyMemory<byte> Body { get; init; }

        public string? ContentType { get; init; }

        public string? ETag { get; init; }

        public DateTimeOffset? LastModified { get; init; }

        public bool MovedPermanently { get; init; }

        public DateTimeOffset FetchedAt { get; init; }

        public static Exchange Fail(FeedFailureKind kind, string message, HttpStatusCode? status = null, TimeSpan? retryAfter = null) =>
            new() { Failure = (kind, message, status, retryAfter) };
    }
}
