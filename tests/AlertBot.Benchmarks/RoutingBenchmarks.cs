using AlertBot.Core.Routing;
using AlertBot.Extraction;
using BenchmarkDotNet.Attributes;

namespace AlertBot.Benchmarks;

/// <summary>
/// Issue 5 target: with 1,000,000 subscriptions, the recipients of an event that matches 1% of them in ≤ 1 ms.
/// Subscriptions are spread over every place of the gazetteer (with types and actors mixed in); the event's place
/// is chosen so that about 1% of them match (reported as <c>Matched</c> in the log when the set-up runs).
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks : IDisposable
{
    private SubscriptionIndex _index = null!;
    private RoutingSubject _event = null!;

    [Params(1_000_000)]
    public int Subscriptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gazetteer = Gazetteer.LoadDefault();
        var places = gazetteer.Places.Where(p => p.Kind is not ("governorate" or "district" or "subdistrict")).Select(p => p.Id).ToArray();
        string?[] types = [null, null, "shelling", "drone_attack", "rocket_attack", "airstrike"];
        string?[] actors = [null, null, null, "iran_backed_militias", "us_forces", "sdf"];
        var random = new Random(42);
        _index = new SubscriptionIndex(gazetteer);
        for (var i = 0; i < Subscriptions; i++)
        {
            _index.Upsert(new SubscriptionEntry(i, i, places[random.Next(places.Length)], actors[random.Next(actors.Length)], types[random.Next(types.Length)], DeliveryMode.Instant));
        }

        // One settlement and two event types: about 1/places × (share of matching type/actor pairs) ≈ 1% of subscriptions.
        _event = new RoutingSubject(["shelling", "drone_attack"], [places[0]], ["irgc"]);
        Console.WriteLine($"// Matched {_index.Match(_event).Count} of {Subscriptions} subscriptions");
    }

    public void Dispose()
    {
        _index?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int MatchOnePercent() => _index.Match(_event).Count;
}
