using System.Text;
using AlertBot.Feeds;
using BenchmarkDotNet.Attributes;

namespace AlertBot.Benchmarks;

/// <summary>
/// Parse throughput: a 50-item feed (about 30–45 KB) per operation, from bytes to cleaned items.
///   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --filter '*FeedParseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class FeedParseBenchmarks
{
    private static readonly Uri FeedUrl = new("https://bench.example.org/feed");
    private static readonly DateTimeOffset FetchedAt = new(2024, 5, 12, 12, 0, 0, TimeSpan.Zero);
    private byte[] body = [];

    [Params("rss-en", "rss-ar", "rss-ar-1256", "atom-en", "json-ar")]
    public string Feed { get; set; } = "rss-en";

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        body = Feed switch
        {
            "rss-en" => FeedBenchmarkData.Rss("bench", 50, arabic: false),
            "rss-ar" => FeedBenchmarkData.Rss("bench", 50, arabic: true),
            "rss-ar-1256" => FeedBenchmarkData.Rss("bench", 50, arabic: true, Encoding.GetEncoding(1256)),
            "atom-en" => FeedBenchmarkData.Atom("bench", 50),
            "json-ar" => FeedBenchmarkData.Json("bench", 50),
            _ => throw new InvalidOperationException(Feed),
        };
        Console.WriteLine($"// {Feed}: {body.Length} bytes per document");
    }

    [Benchmark]
    public int Parse() => FeedParser.Parse(body, null, FeedUrl, FetchedAt).Items.Count;
}
