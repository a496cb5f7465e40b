using System.Diagnostics;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlertBot.Benchmarks;

/// <summary>
/// Routing a confirmed event to 100,000 recipients into the outbox: <see cref="Router.RouteAsync"/> as the routing worker
/// calls it (index match, sort, 5,000-row <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> chunks, each committed).
/// The database holds 100,000 sandbox recipients, each subscribed to al-Mayadin shelling (matching) and to al-Tanf
/// (not matching); the outbox is emptied before every iteration. PostgreSQL runs too when <c>ALERTBOT_TEST_POSTGRES</c>
/// is set (in a scratch database of its own, dropped afterwards). The index is loaded in the set-up, so an operation
/// is what a routing task costs in a running process.
/// </summary>
[Config(typeof(RoutingJob))]
public class OutboxRoutingBenchmarks : IDisposable
{
    private BenchDatabase _database = null!;
    private IHost _host = null!;
    private Router _router = null!;
    private AlertBotDbFactory _dbFactory = null!;
    private long _eventId;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    [Params(100_000)]
    public int Recipients { get; set; }

    public static IEnumerable<string> Providers => BenchDatabase.AvailableProviders;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void ClearOutbox()
    {
        using var db = _dbFactory.Create();
        db.Outbox.ExecuteDelete();
        if (_dbFactory.Provider == StorageProvider.PostgreSql)
        {
            // Dead tuples of the previous iteration would otherwise slow the unique-index checks of this one.
            db.Database.ExecuteSqlRaw("VACUUM ANALYZE \"Outbox\"");
        }
    }

    [Benchmark]
    public async Task<int> RouteToOutbox()
    {
        var routed = await _router.RouteAsync(new RoutingTask { EventId = _eventId, Reason = RoutingReasons.Confirmed }, CancellationToken.None);
        return routed == Recipients ? routed : throw new InvalidOperationException($"routed {routed} rows, expected {Recipients}");
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync(Provider);
        _host = BenchHost.Build(_database);
        _dbFactory = _host.Services.GetRequiredService<AlertBotDbFactory>();
        await _dbFactory.MigrateAsync(CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        await BenchHost.SeedAsync(_dbFactory, Recipients, withNonMatching: true);
        Console.WriteLine($"// Seeded {Recipients:N0} recipients, {2 * Recipients:N0} subscriptions in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        _eventId = await BenchHost.AddEventAsync(_dbFactory, EventStatus.Confirmed);

        var index = _host.Services.GetRequiredService<RoutingIndex>();
        started = Stopwatch.GetTimestamp();
        await index.CatchUpAsync(CancellationToken.None);
        Console.WriteLine($"// RoutingIndex loaded {index.Count:N0} subscriptions in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        started = Stopwatch.GetTimestamp();
        var matched = await index.MatchAsync(new RoutingSubject(["shelling"], [BenchHost.AlMayadin], []), CancellationToken.None);
        Console.WriteLine($"// Match (with catch-up query): {matched.Count:N0} recipients in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        _router = _host.Services.GetRequiredService<Router>();
    }

    /// <summary>
    /// One launch, one warm-up, five measured operations, in this process: each operation takes seconds, and the
    /// out-of-process build of this project can exceed BenchmarkDotNet's 120 s build timeout on a busy 2-core box.
    /// </summary>
    public sealed class RoutingJob : ManualConfig
    {
        public RoutingJob() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private async Task CleanupAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
