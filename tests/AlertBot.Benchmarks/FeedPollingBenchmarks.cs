using System.Diagnostics;
using System.Globalization;
using System.Net;
using AlertBot.Feeds;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AlertBot.Benchmarks;

/// <summary>
/// Load harness: polls 1,000 distinct feed URLs (20-item RSS feeds, English and Arabic) served by a Kestrel server
/// in this process on 20 loopback addresses (127.0.0.1–127.0.0.20, 50 sources each), through one shared
/// <see cref="FeedFetcher"/> with its default per-host limit, 64 polls in flight. One operation = one full round of
/// 1,000 polls. "Full" fetches and parses every feed; "NotModified" sends the ETags and gets 304s.
/// CPU time (client and server together, the whole process) is printed per round as "// CPU".
///   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --filter '*FeedPollingBenchmarks*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: MeasuredRounds)]
[MemoryDiagnoser]
public class FeedPollingBenchmarks
{
    public const int Sources = 1000;
    public const int Hosts = 20;
    public const int InFlight = 64;
    public const int MeasuredRounds = 10;

    private readonly List<(TimeSpan Wall, TimeSpan Cpu)> rounds = [];
    private WebApplication? server;
    private FeedFetcher? fetcher;
    private FeedRequest[] fullRequests = [];
    private FeedRequest[] conditionalRequests = [];
    private byte[][] bodies = [];
    private Stopwatch roundClock = new();
    private TimeSpan cpuAtStart;

    [GlobalSetup]
    public void Setup()
    {
        bodies = Enumerable.Range(0, Sources)
            .Select(i => FeedBenchmarkData.Rss("source" + i.ToString(CultureInfo.InvariantCulture), 20, arabic: i % 2 == 1))
            .ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            for (var h = 1; h <= Hosts; h++)
            {
                kestrel.Listen(IPAddress.Parse("127.0.0." + h.ToString(CultureInfo.InvariantCulture)), 0);
            }
        });
        server = builder.Build();
        server.MapGet("/feeds/{id:int}.xml", (HttpContext context, int id) =>
        {
            var etag = "\"s" + id.ToString(CultureInfo.InvariantCulture) + "\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            context.Response.ContentLength = bodies[id].Length;
            return context.Response.Body.WriteAsync(bodies[id]).AsTask();
        });
        server.StartAsync().GetAwaiter().GetResult();

        var ports = server.Urls.Select(u => new Uri(u)).ToArray();
        fullRequests = Enumerable.Range(0, Sources)
            .Select(i => new FeedRequest(new Uri(ports[i % ports.Length], "/feeds/" + i.ToString(CultureInfo.InvariantCulture) + ".xml")))
            .ToArray();
        conditionalRequests = fullRequests
            .Select((r, i) => r with { ETag = "\"s" + i.ToString(CultureInfo.InvariantCulture) + "\"" })
            .ToArray();
        fetcher = FeedFetcher.Create(
            new FeedFetcherOptions { AllowPrivateAddresses = true, ContactUrl = new Uri("https://alertbot.example.org/about") },
            TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // IterationSetup/Cleanup also run for the warm-up rounds: report the measured ones (the last IterationCount).
        var measured = rounds.TakeLast(MeasuredRounds).ToList();
        if (measured.Count > 0)
        {
            var wall = measured.Select(r => r.Wall.TotalMilliseconds).Order().ToList();
            var cpu = measured.Select(r => r.Cpu.TotalMilliseconds).Order().ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"// CPU: {measured.Count} measured rounds of {Sources} polls, {Environment.ProcessorCount} cores: wall median {wall[wall.Count / 2]:F0} ms (max {wall[^1]:F0}), CPU median {cpu[cpu.Count / 2]:F0} ms (max {cpu[^1]:F0}) for client+server = {cpu[cpu.Count / 2] / (600 * Environment.ProcessorCount):F2}% of {Environment.ProcessorCount} cores over one minute"));
        }

        fetcher?.Dispose();
        server?.StopAsync().GetAwaiter().GetResult();
        (server as IDisposable)?.Dispose();
    }

    [IterationSetup]
    public void StartRound()
    {
        cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        roundClock = Stopwatch.StartNew();
    }

    [IterationCleanup]
    public void EndRound() =>
        rounds.Add((roundClock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart));

    [Benchmark]
    public Task<int> Full() => PollAll(fullRequests);

    [Benchmark]
    public Task<int> NotModified() => PollAll(conditionalRequests);

    private async Task<int> PollAll(FeedRequest[] requests)
    {
        var ok = 0;
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (request, ct) =>
            {
                var result = await fetcher!.FetchAsync(request, ct);
                if (result is FetchResult.Fetched or FetchResult.NotModified)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    throw new InvalidOperationException($"Poll of {request.Url} failed: {result}");
                }
            });
        return ok;
    }
}
