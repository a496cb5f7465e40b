using System.Diagnostics.Metrics;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Feeds;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Sources from configuration: validation at start, the sync into our table across restarts, and the poll metrics.</summary>
public sealed class FeedConfigurationTests
{
    [Fact]
    public void Malformed_source_settings_stop_the_start_with_messages_naming_the_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Sources:Deir Watch:Url"] = "ftp://deirwatch.example/feed",
            ["Feeds:Sources:Deir Watch:Language"] = "fr",
            ["Feeds:Sources:Deir Watch:IntervalSeconds"] = "0",
            ["Feeds:Sources:Euphrates Wire:Tier"] = "12",
            ["Feeds:TimeoutSeconds"] = "0",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFeeds(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var message = StartupError.Describe(error);
        Assert.NotNull(message);
        Assert.Contains("Feeds:Sources:Deir Watch:Url 'ftp://deirwatch.example/feed' is not an absolute http or https URL", message, StringComparison.Ordinal);
        Assert.Contains("Feeds:Sources:Deir Watch:Language 'fr' is not ar or en", message, StringComparison.Ordinal);
        Assert.Contains("Feeds:Sources:Deir Watch:IntervalSeconds 0 is not between", message, StringComparison.Ordinal);
        Assert.Contains("Feeds:Sources:Euphrates Wire:Url is required", message, StringComparison.Ordinal);
        Assert.Contains("Feeds:Sources:Euphrates Wire:Tier 12 is not between 1", message, StringComparison.Ordinal);
        Assert.Contains("Feeds:TimeoutSeconds must be between 1 and 600", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_restart_configuration_wins_for_the_fields_it_sets_and_a_removed_source_is_disabled()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        long wireId;
        await using (var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:Sources:Deir Watch:Url"] = "https://deirwatch.example/rss.xml",
            ["Feeds:Sources:Deir Watch:Tier"] = "2",
            ["Feeds:Sources:Euphrates Wire:Url"] = "https://euphrateswire.example/feed.json",
        }))
        {
            _ = app.Server;
            var watch = await FeedHost.SourceAsync(app, "Deir Watch");
            wireId = (await FeedHost.SourceAsync(app, "Euphrates Wire")).Id;
            Assert.Equal(FeedSourceOptions.DefaultIntervalSeconds, watch.IntervalSeconds);
            Assert.Contains(FeedJobs.JobId(wireId), RecurringJobIds(app));

            // A moderator changes the tier (which configuration sets) and the keywords (which it does not).
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedSourceCatalog>().UpdateAsync(
                watch.Id, new FeedSourceInput("Deir Watch", watch.Url, "ar", 1, 900, false, "قصف, غارة"), CancellationToken.None);
        }

        await using (var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:Sources:Deir Watch:Url"] = "https://deirwatch.example/rss2.xml",
            ["Feeds:Sources:Deir Watch:Tier"] = "2",
        }))
        {
            _ = app.Server;
            var watch = await FeedHost.SourceAsync(app, "Deir Watch");
            Assert.Equal("https://deirwatch.example/rss2.xml", watch.Url);
            Assert.Equal(2, watch.Tier);
            Assert.Equal(["قصف", "غارة"], watch.Keywords);
            Assert.Equal(900, watch.IntervalSeconds);
            Assert.Equal("ar", watch.Language);
            Assert.True(watch.Enabled);

            var wire = await FeedHost.SourceAsync(app, "Euphrates Wire");
            Assert.False(wire.Enabled);
            Assert.False(wire.FromConfiguration);
            Assert.Equal(FeedDisabledBy.Configuration, wire.DisabledBy);
            Assert.Equal("removed from configuration", wire.DisabledReason);
            Assert.DoesNotContain(FeedJobs.JobId(wireId), RecurringJobIds(app));
            Assert.Contains(FeedJobs.JobId(watch.Id), RecurringJobIds(app));
        }
    }

    [Fact]
    public async Task Polls_and_items_are_counted_per_source_and_outcome()
    {
        const string name = "Metrics Watch";
        var measurements = new List<(string Instrument, long Value, string? Source, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlertBotMetrics.MeterName && instrument.Name.StartsWith("alertbot.feeds.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var all = tags.ToArray();
            string? Tag(string key) => all.FirstOrDefault(t => t.Key == key).Value as string;
            if (Tag("source") == name)
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, value, Tag("source"), Tag("outcome")));
                }
            }
        });
        listener.Start();

        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicShelling, TestFeeds.ArabicBakery, TestFeeds.ArabicOld), etag: "\"m-1\"");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            [$"Feeds:Sources:{name}:Url"] = feeds.Url("ar.xml").AbsoluteUri,
        });
        _ = app.Server;
        await FeedHost.TriggerAsync(app, name);
        await FeedHost.PollNowAsync(app, name);

        lock (measurements)
        {
            Assert.Equal(1, measurements.Where(m => m is ("alertbot.feeds.polls", _, _, "fetched")).Sum(m => m.Value));
            Assert.Equal(1, measurements.Where(m => m is ("alertbot.feeds.polls", _, _, "not_modified")).Sum(m => m.Value));
            Assert.Equal(2, measurements.Where(m => m is ("alertbot.feeds.items", _, _, "ingested")).Sum(m => m.Value));
            Assert.Equal(1, measurements.Where(m => m is ("alertbot.feeds.items", _, _, "skipped")).Sum(m => m.Value));
        }
    }

    private static List<string> RecurringJobIds(AlertBotApp app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }
}
