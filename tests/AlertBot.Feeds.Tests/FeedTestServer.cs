using System.Globalization;
using System.Net;
using AlertBot.TestSupport;
using Microsoft.AspNetCore.Http;

namespace AlertBot.Feeds.Tests;

/// <summary>
/// The fixture feeds and faults of these tests on the shared <see cref="LoopbackHttpServer"/>: conditional GET, a
/// changing ETag, windows-1256, a billion-laughs document, a 100 MB stream, slow responses, an HTML page, redirect
/// loops and chains, and a per-host concurrency probe.
/// </summary>
public sealed class FeedTestServer : IAsyncDisposable
{
    public const long HugeBytes = 100L * 1024 * 1024;

    private static readonly byte[] RssStart = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"u8.ToArray();
    private static readonly Lazy<byte[]> GzipBomb = new(() => LoopbackFaults.GzipBomb(RssStart, 64));
    private readonly LoopbackHttpServer _server;
    private readonly LoopbackFaults.EndlessStream _huge = new(HugeBytes, RssStart, "application/rss+xml", declareLength: false);
    private readonly LoopbackFaults.ConcurrencyProbe _gate = new(TimeSpan.FromMilliseconds(150),
        c => LoopbackHttpServer.WriteConditionalAsync(c, FixtureFiles.GeneratedRss("gate", 2, arabic: false), "application/rss+xml", null, null));
    private int _changingVersion = 1;

    private FeedTestServer(LoopbackHttpServer server) => _server = server;

    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => _server.Connections;

    public int MaxConcurrentGateRequests => _gate.MaxInFlight;

    public long HugeBytesWritten => _huge.BytesWritten;

    public TaskCompletionSource HugeFinished => _huge.Finished;

    public IReadOnlyList<LoopbackRequest> Requests => _server.Requests;

    /// <summary>Bump to change the representation (and ETag) served at /changing.xml.</summary>
    public int ChangingVersion
    {
        get => Volatile.Read(ref _changingVersion);
        set => Volatile.Write(ref _changingVersion, value);
    }

    public Uri Url(string pathAndQuery) => _server.Url(pathAndQuery);

    public static async Task<FeedTestServer> StartAsync(IPAddress? address = null)
    {
        var server = new FeedTestServer(await LoopbackHttpServer.StartAsync(address));
        server.Serve();
        return server;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Serve()
    {
        var s = _server;
        var lastModified = new DateTimeOffset(2024, 5, 12, 9, 0, 0, TimeSpan.Zero);
        s.Serve("en.xml", FixtureFiles.Bytes("rss-en.xml"), "application/rss+xml; charset=utf-8", "\"en-v1\"", lastModified);
        s.Serve("ar.xml", FixtureFiles.Bytes("rss-ar.xml"), "application/rss+xml", "\"ar-v1\"", lastModified);
        s.Serve("atom.xml", FixtureFiles.Bytes("atom-en.xml"), "application/atom+xml");
        s.Serve("feed.json", FixtureFiles.Bytes("feed-ar.json"), "application/feed+json");
        s.Serve("cp1256.xml", FixtureFiles.Windows1256Rss(declareEncoding: true), "text/xml");
        s.Serve("cp1256-header.xml", FixtureFiles.Windows1256Rss(declareEncoding: false), "application/rss+xml; charset=windows-1256");
        s.Serve("bomb.xml", FixtureFiles.Bytes("billion-laughs.xml"), "application/rss+xml");
        s.Serve("invalid.xml", FixtureFiles.Bytes("invalid.xml"), "application/rss+xml");
        s.Serve("error-page", FixtureFiles.Bytes("html-error.html"), "text/html; charset=utf-8");
        s.Handle("changing.xml", c =>
        {
            var version = ChangingVersion.ToString(CultureInfo.InvariantCulture);
            var body = FixtureFiles.GeneratedRss("changing-v" + version, 3, arabic: ChangingVersion % 2 == 0);
            return LoopbackHttpServer.WriteConditionalAsync(c, body, "application/rss+xml", "\"changing-" + version + "\"", null);
        });
        s.HandlePrefix("feeds/", c => Numbered(c, "/feeds/", ".xml") is { } id
            ? LoopbackHttpServer.WriteConditionalAsync(c, FixtureFiles.GeneratedRss("source" + id.ToString(CultureInfo.InvariantCulture), 10, arabic: id % 2 == 1), "application/rss+xml", null, null)
            : NotFound(c));
        s.HandlePrefix("status/", c => Numbered(c, "/status/", "") is { } code
            ? LoopbackFaults.Status(c, code, "120", "text/html", FixtureFiles.Bytes("html-error.html"))
            : NotFound(c));

        s.Handle("huge", _huge.HandleAsync);
        s.Handle("huge-declared", new LoopbackFaults.EndlessStream(HugeBytes, RssStart, "application/rss+xml", declareLength: true).HandleAsync);
        s.Handle("gzip-bomb", LoopbackFaults.Gzipped(GzipBomb.Value, "application/rss+xml"));
        s.Handle("slow", LoopbackFaults.SlowHeaders(TimeSpan.FromSeconds(10), FixtureFiles.Bytes("rss-en.xml")));
        s.Handle("slow-body", LoopbackFaults.Trickle(FixtureFiles.Bytes("rss-en.xml"), "application/rss+xml", TimeSpan.FromMilliseconds(100)));

        s.Handle("loop/a", LoopbackFaults.Redirect(302, "/loop/b"));
        s.Handle("loop/b", LoopbackFaults.Redirect(302, "/loop/a"));
        s.HandlePrefix("chain/", c => Numbered(c, "/chain/", "") is { } n
            ? LoopbackFaults.Redirect(c, 301, n <= 1 ? "/en.xml" : "/chain/" + (n - 1).ToString(CultureInfo.InvariantCulture))
            : NotFound(c));
        s.Handle("temporary", LoopbackFaults.Redirect(307, "/ar.xml"));
        s.Handle("redirect-to", c => LoopbackFaults.Redirect(c, 302, c.Request.Query["url"].ToString()));

        s.Handle("gate", _gate.HandleAsync);

        s.Serve("article", System.Text.Encoding.UTF8.GetBytes(ArticlePages.ArabicNews), "text/html; charset=utf-8");
        s.Serve("article-1256", ArticlePages.Windows1256Page(), "text/html");
    }

    /// <summary>The integer between <paramref name="prefix"/> and <paramref name="suffix"/> of the path, as the old route templates matched it.</summary>
    private static int? Numbered(HttpContext context, string prefix, string suffix)
    {
        var path = context.Request.Path.Value!;
        if (!path.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = path[prefix.Length..^suffix.Length];
        return int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
