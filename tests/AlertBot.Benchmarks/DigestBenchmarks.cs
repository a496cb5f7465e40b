using AlertBot.Core.Digests;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.Maps;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AlertBot.Benchmarks;

/// <summary>
/// Issue 13 target: 10,000 digests (one per channel, each with its own filter, language, platform and time zone) over
/// the 1,000 events of one period, text in ≤ 10 s; and the same with a map. One operation builds and writes all
/// 10,000. The events are loaded once for the period (as the digest job does for one slot) and every channel's
/// digest is built from that one list; each iteration starts from fresh event instances, so every event's lines are
/// rendered again (nothing carries over from the previous slot).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DigestBenchmarks
{
    private DigestBuilder _builder = null!;
    private DigestMapRenderer _maps = null!;
    private DigestData _data = null!;
    private List<DigestEvent> _events = null!;

    [Params(10_000)]
    public int Channels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gazetteer = Gazetteer.LoadDefault();
        _builder = new DigestBuilder(gazetteer);
        _maps = new DigestMapRenderer(gazetteer);
        _data = DigestData.Create(gazetteer, events: 1_000, Channels);
    }

    [IterationSetup]
    public void FreshEvents() => _events = [.. _data.Events.Select(e => e with { })];

    /// <summary>Every channel's digest built and written in its platform's markup, split at its limit.</summary>
    [Benchmark]
    public int Text()
    {
        var messages = 0;
        foreach (var channel in _data.Channels)
        {
            messages += _builder.Build(channel.Request, _events).Write(channel.Markup).Count;
        }

        return messages;
    }

    /// <summary>
    /// Text, and a map for every digest that shows an event. Channels whose digests show the same events in the same
    /// language get the same picture (the renderer is deterministic), so each distinct map is drawn once and shared.
    /// </summary>
    [Benchmark]
    public int TextAndMap()
    {
        var maps = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var bytes = 0;
        foreach (var channel in _data.Channels)
        {
            var digest = _builder.Build(channel.Request, _events);
            bytes += digest.Write(channel.Markup).Count;
            if (digest.IsEmpty)
            {
                continue;
            }

            var key = $"{channel.Request.Language}|{channel.Request.Zone.Id}|{string.Join(',', digest.Events.Select(e => e.EventId))}";
            if (!maps.TryGetValue(key, out var png))
            {
                maps[key] = png = _maps.RenderPng(digest);
            }

            bytes += png?.Length ?? 0;
        }

        Console.WriteLine($"// {maps.Count} distinct maps for {_data.Channels.Count} digests");
        return bytes;
    }
}

/// <summary>One map, of a district's digest (about a third of the events) and of the whole governorate.</summary>
[MemoryDiagnoser]
public class DigestMapBenchmarks
{
    private DigestMapRenderer _maps = null!;
    private DigestDocument _district = null!;
    private DigestDocument _all = null!;

    [GlobalSetup]
    public void Setup()
    {
        var gazetteer = Gazetteer.LoadDefault();
        var builder = new DigestBuilder(gazetteer);
        _maps = new DigestMapRenderer(gazetteer);
        var data = DigestData.Create(gazetteer, events: 1_000, channels: 1);
        var request = data.Channels[0].Request;
        _district = builder.Build(request with { Filter = new DigestFilter(["SY0903"], [], []), Language = ChatLanguage.Both }, data.Events);
        _all = builder.Build(request with { Filter = DigestFilter.Everything, Language = ChatLanguage.Both }, data.Events);
    }

    [Benchmark]
    public int DistrictMap() => _maps.RenderPng(_district)!.Length;

    [Benchmark]
    public int GovernorateMap() => _maps.RenderPng(_all)!.Length;
}

/// <summary>A channel's digest setting as the benchmarks use it.</summary>
public sealed record DigestChannel(DigestRequest Request, PlatformMarkup Markup);

/// <summary>
/// 1,000 events of one 12-hour period over the places of Deir ez-Zor governorate (a few beyond it), with types,
/// actors and counts, 5 % corrected and 2 % retracted; and channels whose filters vary as real ones would: a
/// district, a town or subdistrict, two districts, the governorate with one or two types, an actor group, or nothing.
/// </summary>
public sealed class DigestData
{
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private DigestData(List<DigestEvent> events, List<DigestChannel> channels)
    {
        Events = events;
        Channels = channels;
    }

    public List<DigestEvent> Events { get; }

    public List<DigestChannel> Channels { get; }

    public static DigestData Create(Gazetteer gazetteer, int events, int channels)
    {
        var random = new Random(13);
        var period = new DigestPeriod(new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        var deirEzZor = gazetteer.Places.Where(p => !p.IsAdministrative && gazetteer.IsWithin(p.Id, "SY09")).Select(p => p.Id).ToArray();
        var beyond = new[] { "ES090", "ES086", "ES075", "AB001", "SY09", "SY0903" };
        string[] types = ["shelling", "drone_attack", "rocket_attack", "airstrike", "clash", "evacuation", "reinforcement"];
        string[] actors = ["syrian_government", "irgc", "hezbollah", "fatemiyoun", "us_forces", "coalition", "sdf", "isis", "israel", "unknown"];
        string[] countKeys = ["rockets", "shells", "drones", "strikes", "killed", "wounded"];

        var list = new List<DigestEvent>(events);
        for (var i = 1; i <= events; i++)
        {
            var place = random.Next(10) == 0 ? beyond[random.Next(beyond.Length)] : deirEzZor[random.Next(deirEzZor.Length)];
            string[] places = random.Next(5) == 0 ? [place, deirEzZor[random.Next(deirEzZor.Length)]] : [place];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = random.Next(3); c > 0; c--)
            {
                counts[countKeys[random.Next(countKeys.Length)]] = 1 + random.Next(30);
            }

            var change = random.Next(100) switch { < 5 => DigestChange.Corrected, < 7 => DigestChange.Retracted, _ => DigestChange.New };
            var at = change == DigestChange.New
                ? period.From.AddMinutes(random.Next(12 * 60))
                : period.From.AddMinutes(-random.Next(48 * 60));
            list.Add(new DigestEvent(
                i, change, [types[random.Next(types.Length)]], places,
                [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => actors[random.Next(actors.Length)]).Distinct()],
                counts, at, 1 + random.Next(5)));
        }

        var districts = new[] { "SY0901", "SY0902", "SY0903" };
        var subdistricts = gazetteer.Places.Where(p => p.Kind == "subdistrict" && gazetteer.IsWithin(p.Id, "SY09")).Select(p => p.Id).ToArray();
        var towns = gazetteer.Places.Where(p => p.Kind is "city" or "town" && gazetteer.IsWithin(p.Id, "SY09")).Select(p => p.Id).ToArray();
        string[] groups = ["iran_backed_militias", "us_forces", "sdf", "isis", "syrian_government"];
        var result = new List<DigestChannel>(channels);
        for (var c = 0; c < channels; c++)
        {
            var filter = random.Next(100) switch
            {
                < 30 => new DigestFilter([districts[random.Next(3)]], [], []),
                < 40 => new DigestFilter([subdistricts[random.Next(subdistricts.Length)]], [], []),
                < 50 => new DigestFilter([towns[random.Next(towns.Length)]], [], []),
                < 65 => new DigestFilter([.. districts.OrderBy(_ => random.Next()).Take(2)], [], []),
                < 80 => new DigestFilter(["SY09"], [], [.. types.OrderBy(_ => random.Next()).Take(1 + random.Next(2))]),
                < 90 => new DigestFilter([], [groups[random.Next(groups.Length)]], []),
                _ => DigestFilter.Everything,
            };
            var language = random.Next(10) switch { < 4 => ChatLanguage.Ar, < 6 => ChatLanguage.En, _ => ChatLanguage.Both };
            var markup = random.Next(10) switch { < 5 => PlatformMarkup.TelegramHtml, < 8 => PlatformMarkup.DiscordMarkdown, _ => PlatformMarkup.Plain };
            var zone = random.Next(10) == 0 ? Berlin : Damascus;
            var empty = random.Next(2) == 0 ? EmptyDigest.Nothing : EmptyDigest.NoIncidentsLine;
            result.Add(new DigestChannel(new DigestRequest(period, filter, language, empty, zone), markup));
        }

        return new DigestData(list, result);
    }
}
