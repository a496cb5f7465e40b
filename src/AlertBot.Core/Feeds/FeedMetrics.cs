using System.Diagnostics.Metrics;
using AlertBot.Core.Diagnostics;

namespace AlertBot.Core.Feeds;

/// <summary>Feed polling on the <c>AlertBot</c> meter: polls by source and outcome, items by source and outcome.</summary>
public sealed class FeedMetrics
{
    private readonly Counter<long> _polls;
    private readonly Counter<long> _items;

    public FeedMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertBotMetrics.MeterName);
        _polls = meter.CreateCounter<long>("alertbot.feeds.polls", "{poll}", "Feed polls by source and outcome (fetched, not_modified, failed, auto_disabled)");
        _items = meter.CreateCounter<long>("alertbot.feeds.items", "{item}", "New feed items by source and outcome (ingested, duplicate, skipped)");
    }

    public void Polled(string source, FeedPollOutcome outcome) =>
        _polls.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));

    public void Items(string source, string outcome, int count)
    {
        if (count > 0)
        {
            _items.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static string OutcomeTag(FeedPollOutcome outcome) => outcome switch
    {
        FeedPollOutcome.Fetched => "fetched",
        FeedPollOutcome.NotModified => "not_modified",
        FeedPollOutcome.Failed => "failed",
        FeedPollOutcome.AutoDisabled => "auto_disabled",
        FeedPollOutcome.NotDue => "not_due",
        FeedPollOutcome.Disabled => "disabled",
        _ => "missing",
    };
}
