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

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>A real Kestrel server on 127.0.0.1 serving what a test puts at a path, with ETags and 304s like a news site's CDN.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, int Status, string? IfNoneMatch)> _requests = new();

    private FeedServer(WebApplication app) => _app = app;

    public sealed record Resource(string Body, string ContentType, string? ETag);

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:port/ (a literal loopback address).</summary>
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public IReadOnlyList<(string Path, int Status, string? IfNoneMatch)> Requests(string path) =>
        _requests.Where(r => r.Path == "/" + path).ToList();

    public int TotalRequests => _requests.Count;

    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8", string? etag = null) =>
        _resources["/" + path] = new Resource(body, contentType, etag);

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        if (!_resources.TryGetValue(path, out var resource))
        {
            Record(404);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (resource.ETag is not null)
        {
            context.Response.Headers.ETag = resource.ETag;
            if (ifNoneMatch == resource.ETag)
            {
                Record(304);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        Record(200);
        context.Response.ContentType = resource.ContentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(resource.Body), context.RequestAborted);

        void Record(int status) => _requests.Enqueue((path, status, string.IsNullOrEmpty(ifNoneMatch) ? null : ifNoneMatch));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
