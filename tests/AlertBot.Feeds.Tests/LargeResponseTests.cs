namespace AlertBot.Feeds.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (allocation measurements)";
}

/// <summary>Runs alone so that process-wide allocation counts belong to these tests.</summary>
[Collection(SerialCollection.Name)]
public sealed class LargeResponseTests
{
    private static FeedFetcher CreateFetcher() =>
        FeedFetcher.Create(new FeedFetcherOptions { AllowPrivateAddresses = true, Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);

    [Fact]
    public async Task Hundred_megabyte_stream_is_cut_off_at_the_cap_without_buffering_it()
    {
        await using var server = await FeedTestServer.StartAsync();
        using var fetcher = CreateFetcher();
        Assert.Equal(5 * 1024 * 1024, fetcher.Options.MaxResponseBytes); // the default cap
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = await fetcher.FetchAsync(new FeedRequest(server.Url("huge")), CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.Equal(FeedFailureKind.TooLarge, failed.Kind);
        Assert.Contains("5242880", failed.Message, StringComparison.Ordinal);
        Assert.True(allocated < 40L * 1024 * 1024, $"allocated {allocated:N0} bytes while reading a 100 MB stream");

        await server.HugeFinished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(server.HugeBytesWritten < FeedTestServer.HugeBytes / 2, $"server wrote {server.HugeBytesWritten:N0} bytes before the client hung up");
    }

    [Fact]
    public async Task Declared_hundred_megabyte_length_is_refused_before_reading_the_body()
    {
        await using var server = await FeedTestServer.StartAsync();
        using var fetcher = CreateFetcher();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = await fetcher.FetchAsync(new FeedRequest(server.Url("huge-declared")), CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.Equal(FeedFailureKind.TooLarge, failed.Kind);
        Assert.Contains("declares 104857600 bytes", failed.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }
}
