namespace AlertBot.Feeds;

/// <summary>
/// At a source's first poll, items older than the horizon are ignored so that adding a source does not ingest its
/// whole archive. Items without a date carry the fetch time (see <see cref="FeedItem.DateWasMissing"/>) and so pass.
/// </summary>
public static class FirstPollHorizon
{
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(2);

    /// <summary>The items published at or after <paramref name="fetchedAt"/> − <paramref name="horizon"/>, in order.</summary>
    public static IReadOnlyList<FeedItem> Filter(IEnumerable<FeedItem> items, DateTimeOffset fetchedAt, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, TimeSpan.Zero);
        var oldest = fetchedAt - horizon;
        return items.Where(item => item.PublishedAt >= oldest).ToList();
    }
}
