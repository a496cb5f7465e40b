using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlertBot.TestSupport;

/// <summary>
/// A real Kestrel server on a loopback address and an ephemeral port, serving what a test puts at a path: static
/// bodies with ETag / Last-Modified and 304s like a news site's CDN, or handlers for faults (see
/// <see cref="LoopbackFaults"/>). It records every request and counts TCP connections, so a test can also prove that
/// nothing reached it.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _exact = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestDelegate> _prefixes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private int _connections;

    private LoopbackHttpServer(WebApplication app) => _app = app;

    /// <summary><c>http://address:port/</c>, with a literal address.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Port => BaseUrl.Port;

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    public int TotalRequests => _requests.Count;

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>The requests to <paramref name="path"/> (no leading slash, no query), in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == "/" + path)];

    /// <summary>Serves <paramref name="body"/> (UTF-8) at <paramref name="path"/>, replacing what was there.</summary>
    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8", string? etag = null, DateTimeOffset? lastModified = null) =>
        Serve(path, Encoding.UTF8.GetBytes(body), contentType, etag, lastModified);

    /// <summary>
    /// Serves <paramref name="body"/> at <paramref name="path"/> with conditional GET: a matching <c>If-None-Match</c>,
    /// or without one an <c>If-Modified-Since</c> not before <paramref name="lastModified"/>, gets 304.
    /// </summary>
    public void Serve(string path, byte[] body, string contentType, string? etag = null, DateTimeOffset? lastModified = null) =>
        Handle(path, context => WriteConditionalAsync(context, body, contentType, etag, lastModified));

    /// <summary>Answers requests to <paramref name="path"/> (no leading slash) with <paramref name="handler"/>.</summary>
    public void Handle(string path, RequestDelegate handler) => _exact["/" + path] = handler;

    /// <summary>Answers requests whose path starts with <paramref name="prefix"/> and matches no exact path.</summary>
    public void HandlePrefix(string prefix, RequestDelegate handler) => _prefixes["/" + prefix] = handler;

    public static async Task<LoopbackHttpServer> StartAsync(IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LoopbackHttpServer? server = null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxResponseBufferSize = 64 * 1024;
            kestrel.Listen(address ?? IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                Interlocked.Increment(ref server!._connections);
                return next(connection);
            }));
        });
        var app = builder.Build();
        server = new LoopbackHttpServer(app);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Writes <paramref name="body"/>, or 304 when the request's validators match (see <see cref="Serve(string, byte[], string, string?, DateTimeOffset?)"/>).</summary>
    public static Task WriteConditionalAsync(HttpContext context, byte[] body, string contentType, string? etag, DateTimeOffset? lastModified)
    {
        var request = context.Request.GetTypedHeaders();
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
        }

        if (lastModified is { } modified)
        {
            context.Response.GetTypedHeaders().LastModified = modified;
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

    private Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers;
        var request = new LoopbackRequest(path, context.Request.QueryString.Value ?? string.Empty, headers.UserAgent.ToString(),
            Header(headers.IfNoneMatch), Header(headers.IfModifiedSince));
        _requests.Enqueue(request);

        // The status is known when the response starts, before the client can see it.
        context.Response.OnStarting(() =>
        {
            request.Status = context.Response.StatusCode;
            return Task.CompletedTask;
        });

        var handler = _exact.TryGetValue(path, out var exact)
            ? exact
            : _prefixes.Where(p => path.StartsWith(p.Key, StringComparison.Ordinal)).OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
        if (handler is not null)
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}

/// <summary>One request the server received; <see cref="Status"/> is set when its response started (0 before).</summary>
public sealed class LoopbackRequest(string path, string query, string userAgent, string? ifNoneMatch, string? ifModifiedSince)
{
    private int _status;

    /// <summary>The path, with its leading slash and without the query.</summary>
    public string Path { get; } = path;

    /// <summary>The query string with its <c>?</c>, or empty.</summary>
    public string Query { get; } = query;

    /// <summary>The User-Agent header, empty when absent.</summary>
    public string UserAgent { get; } = userAgent;

    public string? IfNoneMatch { get; } = ifNoneMatch;

    public string? IfModifiedSince { get; } = ifModifiedSince;

    public int Status
    {
        get => Volatile.Read(ref _status);
        internal set => Volatile.Write(ref _status, value);
    }
}
