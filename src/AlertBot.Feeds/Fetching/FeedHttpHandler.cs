using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace AlertBot.Feeds;

/// <summary>
/// Builds the HTTP handler for feed fetching. Its <see cref="SocketsHttpHandler.ConnectCallback"/> resolves the host
/// itself and checks every resolved address before opening a socket, then connects to exactly the checked address:
/// DNS rebinding and redirects to internal names cannot slip past it. Redirects are not followed by the handler
/// (<see cref="FeedFetcher"/> follows them hop by hop), proxies are off (a proxy would resolve names for us),
/// cookies are off, and bodies are decompressed (the size cap applies to decompressed bytes).
/// </summary>
public static class FeedHttpHandler
{
    /// <summary>A new handler for <paramref name="options"/>; register it as the primary handler of the feed HttpClient.</summary>
    public static SocketsHttpHandler Create(FeedFetcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var policy = new AddressPolicy(options.AllowPrivateAddresses, options.ParseAllowedAddresses());
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = options.MaxConcurrencyPerHost,
            MaxResponseHeadersLength = 64, // KiB
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, policy, ct),
        };
    }

    /// <summary>An HttpClient over <see cref="Create"/> for standalone use (no IHttpClientFactory).</summary>
    public static HttpClient CreateClient(FeedFetcherOptions options)
    {
        var client = new HttpClient(Create(options), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the fetcher enforces its own timeout
        };
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        return client;
    }

    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, AddressPolicy policy, CancellationToken cancellationToken)
    {
        var host = endPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // A name that resolves to any refused address is refused as a whole: public names of feed sites do not
        // point into internal networks, and a mixed answer is the shape of a rebinding attempt.
        foreach (var address in addresses)
        {
            if (policy.BlockReason(address) is { } reason)
            {
                throw BlockedAddressException.For(host, address, reason);
            }
        }

        Exception? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError!;
    }

    internal static MediaTypeWithQualityHeaderValue[] FeedAcceptTypes { get; } =
    [
        new("application/rss+xml"),
        new("application/atom+xml"),
        new("application/feed+json"),
        new("application/xml", 0.9),
        new("text/xml", 0.9),
        new("application/json", 0.8),
        new("*/*", 0.1),
    ];

    internal static MediaTypeWithQualityHeaderValue[] PageAcceptTypes { get; } =
    [
        new("text/html"),
        new("application/xhtml+xml"),
        new("*/*", 0.1),
    ];
}
