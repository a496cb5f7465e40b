namespace AlertBot.Feeds.Tests;

public class FirstPollHorizonTests
{
    private static readonly DateTimeOffset FetchedAt = FixtureFiles.FetchedAt;

    private static FeedItem Item(string key, DateTimeOffset published, bool missing = false) =>
        new(key, null, key, string.Empty, null, published, missing);

    [Fact]
    public void Items_older_than_the_horizon_are_ignored_at_first_poll()
    {
        FeedItem[] items =
        [
            Item("fresh", FetchedAt.AddHours(-1)),
            Item("edge", FetchedAt.AddDays(-2)),
            Item("old", FetchedAt.AddDays(-2).AddSeconds(-1)),
            Item("undated", FetchedAt, missing: true),
            Item("ancient", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ];

        var kept = FirstPollHorizon.Filter(items, FetchedAt, FirstPollHorizon.DefaultHorizon);

        Assert.Equal(["fresh", "edge", "undated"], kept.Select(i => i.Key));
    }

    [Fact]
    public void Horizon_applies_to_a_parsed_feed_with_offsets()
    {
        var feed = FeedParser.Parse(FixtureFiles.Bytes("rss-en.xml"), null, FixtureFiles.EnglishFeedUrl, FetchedAt);

        var kept = FirstPollHorizon.Filter(feed.Items, FetchedAt, TimeSpan.FromHours(24));

        // 12 May 09:15 +03:00 and 11 May 18:40 GMT are within a day of 12 May 12:00Z; the undated item takes the fetch time.
        Assert.Equal(["evm-2024-0512-001", "https://news.example.org/euphrates/2024/05/mayadin-market", "https://news.example.org/euphrates/2024/05/road-reopened"], kept.Select(i => i.Key));
    }
}
