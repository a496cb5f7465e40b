using System.Diagnostics;
using System.Globalization;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlertBot.Benchmarks;

/// <summary>
/// Memory held by the subscription index: <see cref="GC.GetTotalMemory(bool)"/> (full blocking collection) before and
/// after building, with everything shared (gazetteer, interned id strings, EF model) created before the first reading.
/// <list type="bullet">
/// <item><see cref="SubscriptionIndex"/> built in memory with the <see cref="RoutingBenchmarks"/> mix (places × actors × types).</item>
/// <item><see cref="RoutingIndex"/> loaded from a SQLite database of sandbox recipients with one subscription each; a first
/// index is loaded and dropped to warm EF's model and query caches, then a second one is measured.</item>
/// </list>
/// </summary>
internal static class IndexMemoryHarness
{
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        var gazetteer = Gazetteer.LoadDefault();
        Console.WriteLine($"GC: server={System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} processors");
        foreach (var size in sizes)
        {
            Measure($"SubscriptionIndex, {size:N0} subscriptions", size, () => BuildIndex(gazetteer, size));
        }

        foreach (var size in sizes)
        {
            await using var database = await BenchDatabase.CreateAsync("Sqlite");
            using var host = BenchHost.Build(database);
            var dbFactory = host.Services.GetRequiredService<AlertBotDbFactory>();
            await dbFactory.MigrateAsync(CancellationToken.None);
            await BenchHost.SeedAsync(dbFactory, size, withNonMatching: false);
            using (var warm = new RoutingIndex(dbFactory, gazetteer, TimeProvider.System, NullLogger<RoutingIndex>.Instance))
            {
                await warm.CatchUpAsync(CancellationToken.None);
            }

            Measure($"RoutingIndex loaded from SQLite, {size:N0} subscriptions", size, () =>
            {
                var index = new RoutingIndex(dbFactory, gazetteer, TimeProvider.System, NullLogger<RoutingIndex>.Instance);
                index.CatchUpAsync(CancellationToken.None).GetAwaiter().GetResult();
                return index;
            });
        }

        return 0;
    }

    private static void Measure(string what, int size, Func<IDisposable> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var index = build();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        var held = after - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: held {held / 1048576.0:0.0} MiB = {(double)held / size:0.0} B/subscription ({held * 100_000.0 / size / 1048576.0:0.0} MiB per 100k); allocated while building {allocated / 1048576.0:0} MiB; built in {elapsed.TotalMilliseconds:0} ms"));
        index.Dispose();
    }

    private static SubscriptionIndex BuildIndex(Gazetteer gazetteer, int size)
    {
        var places = gazetteer.Places.Where(p => p.Kind is not ("governorate" or "district" or "subdistrict")).Select(p => p.Id).ToArray();
        string?[] types = [null, null, "shelling", "drone_attack", "rocket_attack", "airstrike"];
        string?[] actors = [null, null, null, "iran_backed_militias", "us_forces", "sdf"];
        var random = new Random(42);
        var index = new SubscriptionIndex(gazetteer);
        for (var i = 0; i < size; i++)
        {
            var type = types[random.Next(types.Length)];
            var actor = actors[random.Next(actors.Length)];
            index.Upsert(new SubscriptionEntry(i, i, places[random.Next(places.Length)], actor, type, DeliveryMode.Instant));
        }

        return index;
    }
}
