using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlertBot.Feeds.Tests;

/// <summary>
/// A real Kestrel server on a loopback address and an ephemeral port, serving the test feeds and the faults:
/// conditional GET, a changing ETag, windows-1256, a billion-laughs document, a 100 MB stream, slow responses,
/// an HTML page, redirect loops and chains, and a per-host concurrency probe.
/// </summary>
public sealed class FeedTestServer : IAsyncDisposable
{
    public const long HugeBytes = 100L * 1024 * 1024;

    private static readonly byte[] Chunk = CreateChunk();
    private readonly WebApplication app;
    private int connections;
    private int inFlight;
    private int maxInFlight;
    private long hugeBytesWritten;
    private int changingVersion = 1;

    private FeedTestServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    public int MaxConcurrentGateRequests => Volatile.Read(ref maxInFlight);

    public long HugeBytesWritten => Interlocked.Read(ref hugeBytesWritten);

    public TaskCompletionSource HugeFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string Path, string? UserAgent, string? IfNoneMatch, string? IfModifiedSince)> Requests { get; } = new();

    /// <summary>Bump to change the representation (and ETag) served at /changing.xml.</summary>
    public int ChangingVersion
    {
        get => Volatile.Read(ref changingVersion);
        set => Volatile.Write(ref changingVersion, value);
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public static async Task<FeedTestServer> StartAsync(IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        FeedTestServer? server = null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxResponseBufferSize = 64 * 1024;
            kestrel.Listen(address ?? IPAddress.Loopback, 0, listen => listen.Use(next => context =>
            {
                Interlocked.Increment(ref server!.connections);
                return next(context);
            }));
        });
        var app = builder.Build();
        server = new FeedTestServer(app);
        server.MapRoutes();
        await app.StartAsync();
        var address0 = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address0.EndsWith('/') ? address0 : address0 + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void MapRoutes()
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString(),
                context.Request.Headers.IfNoneMatch.FirstOrDefault(), context.Request.Headers.IfModifiedSince.FirstOrDefault()));
            await next(context);
        });

        var lastModified = new DateTimeOffset(2024, 5, 12, 9, 0, 0, TimeSpan.Zero);
        app.MapGet("/en.xml", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("rss-en.xml"), "application/rss+xml; charset=utf-8", "\"en-v1\"", lastModified));
        app.MapGet("/ar.xml", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("rss-ar.xml"), "application/rss+xml", "\"ar-v1\"", lastModified));
        app.MapGet("/atom.xml", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("atom-en.xml"), "application/atom+xml", null, null));
        app.MapGet("/feed.json", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("feed-ar.json"), "application/feed+json", null, null));
        app.MapGet("/cp1256.xml", (HttpContext c) => Conditional(c, FixtureFiles.Windows1256Rss(declareEncoding: true), "text/xml", null, null));
        app.MapGet("/cp1256-header.xml", (HttpContext c) => Conditional(c, FixtureFiles.Windows1256Rss(declareEncoding: false), "application/rss+xml; charset=windows-1256", null, null));
        app.MapGet("/bomb.xml", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("billion-laughs.xml"), "application/rss+xml", null, null));
        app.MapGet("/invalid.xml", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("invalid.xml"), "application/rss+xml", null, null));
        app.MapGet("/error-page", (HttpContext c) => Conditional(c, FixtureFiles.Bytes("html-error.html"), "text/html; charset=utf-8", null, null));
        app.MapGet("/changing.xml", (HttpContext c) =>
        {
            var version = ChangingVersion;
            var body = FixtureFiles.GeneratedRss("changing-v" + version.ToString(CultureInfo.InvariantCulture), 3, arabic: version % 2 == 0);
            return Conditional(c, body, "application/rss+xml", "\"changing-" + version.ToString(CultureInfo.InvariantCulture) + "\"", null);
        });
        app.MapGet("/feeds/{id:int}.xml", (HttpContext c, int id) =>
            Conditional(c, FixtureFiles.GeneratedRss("source" + id.ToString(CultureInfo.InvariantCulture), 10, arabic: id % 2 == 1), "application/rss+xml", null, null));
        app.MapGet("/status/{code:int}", (HttpContext c, int code) =>
        {
            c.Response.StatusCode = code;
            c.Response.Headers.RetryAfter = "120";
            c.Response.ContentType = "text/html";
            return c.Response.Body.WriteAsync(FixtureFiles.Bytes("html-error.html")).AsTask();
        });

        app.MapGet("/huge", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/rss+xml";
            await StreamHugeAsync(c);
        });
        app.MapGet("/huge-declared", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/rss+xml";
            c.Response.ContentLength = HugeBytes;
            await StreamHugeAsync(c);
        });
        app.MapGet("/gzip-bomb", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/rss+xml";
            c.Response.Headers.ContentEncoding = "gzip";
            await c.Response.Body.WriteAsync(GzipBomb.Value, c.RequestAborted);
        });

        app.MapGet("/slow", async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), c.RequestAborted);
            await c.Response.Body.WriteAsync(FixtureFiles.Bytes("rss-en.xml"), c.RequestAborted);
        });
        app.MapGet("/slow-body", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/rss+xml";
            var body = FixtureFiles.Bytes("rss-en.xml");
            await c.Response.StartAsync(c.RequestAborted);
            for (var i = 0; i < body.Length; i++)
            {
                await c.Response.Body.WriteAsync(body.AsMemory(i, 1), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(100, c.RequestAborted);
            }
        });

        app.MapGet("/loop/a", (HttpContext c) => Redirect(c, 302, "/loop/b"));
        app.MapGet("/loop/b", (HttpContext c) => Redirect(c, 302, "/loop/a"));
        app.MapGet("/chain/{n:int}", (HttpContext c, int n) =>
            Redirect(c, 301, n <= 1 ? "/en.xml" : "/chain/" + (n - 1).ToString(CultureInfo.InvariantCulture)));
        app.MapGet("/temporary", (HttpContext c) => Redirect(c, 307, "/ar.xml"));
        app.MapGet("/redirect-to", (HttpContext c) => Redirect(c, 302, c.Request.Query["url"].ToString()));

        app.MapGet("/gate", async (HttpContext c) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(150, c.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            await Conditional(c, FixtureFiles.GeneratedRss("gate", 2, arabic: false), "application/rss+xml", null, null);
        });

        app.MapGet("/article", (HttpContext c) => Conditional(c, System.Text.Encoding.UTF8.GetBytes(ArticlePages.ArabicNews), "text/html; charset=utf-8", null, null));
        app.MapGet("/article-1256", (HttpContext c) => Conditional(c, ArticlePages.Windows1256Page(), "text/html", null, null));
    }

    private static Task Conditional(HttpContext context, byte[] body, string contentType, string? etag, DateTimeOffset? lastModified)
    {
        var request = context.Request.GetTypedHeaders();
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
        }

        if (lastModified is { } lm)
        {
            context.Response.GetTypedHeaders().LastModified = lm;
        }

        var etagMatches = etag is not null && request.IfNoneMatch.Any(t => t.Tag.ToString() == etag);
        var notModifiedSince = request.IfNoneMatch.Count == 0 && lastModified is not null && request.IfModifiedSince >= lastModified;
        if (etagMatches || notModifiedSince)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Task Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private async Task StreamHugeAsync(HttpContext context)
    {
        try
        {
            await context.Response.Body.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"u8.ToArray(), context.RequestAborted);
            // Kestrel completes writes after an abort synchronously and without error, so the loop yields (letting
            // the abort notification run) and checks for the hang-up itself.
            while (HugeBytesWritten < HugeBytes && !context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(Chunk, context.RequestAborted);
                Interlocked.Add(ref hugeBytesWritten, Chunk.Length);
                await Task.Yield();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client hung up at its cap: that is the expected end.
        }
        finally
        {
            HugeFinished.TrySetResult();
        }
    }

    private static byte[] CreateChunk()
    {
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'a');
        return chunk;
    }

    /// <summary>A valid-looking RSS start followed by 64 MB of spaces, gzip-compressed to well under a megabyte.</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"u8);
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(spaces);
            }
        }

        return output.ToArray();
    });
}
