using AlertBot.Core.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Configured sources polled by their Hangfire jobs from a feed server on loopback, on both databases.</summary>
public sealed class FeedPollingTests
{
    private const string Arabic = "Deir Watch";
    private const string English = "Euphrates Wire";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Items_are_ingested_once_across_304s_new_etags_and_a_restart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicShelling, TestFeeds.ArabicBakery, TestFeeds.ArabicOld), etag: "\"ar-1\"");
        feeds.Serve("en.xml", TestFeeds.Rss("Euphrates Wire", "en", TestFeeds.EnglishAirstrike, TestFeeds.EnglishMarket), etag: "\"en-1\"");
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            [$"Feeds:Sources:{Arabic}:Url"] = feeds.Url("ar.xml").AbsoluteUri,
            [$"Feeds:Sources:{Arabic}:Language"] = "ar",
            [$"Feeds:Sources:{Arabic}:IntervalSeconds"] = "600",
            [$"Feeds:Sources:{English}:Url"] = feeds.Url("en.xml").AbsoluteUri,
            [$"Feeds:Sources:{English}:Tier"] = "2",
            [$"Feeds:Sources:{English}:IntervalSeconds"] = "30",
        };

        await using (var app = new AlertBotApp(database, settings))
        {
            _ = app.Server;
            await FeedHost.TriggerAsync(app, Arabic, English);

            // The Arabic feed: the shelling and the bakery are stored, the ten-day-old item is not (first-poll horizon).
            var arabic = await FeedHost.ReportsAsync(app, Arabic);
            Assert.Equal([TestFeeds.ArabicShelling.Link, TestFeeds.ArabicBakery.Link], arabic.Select(r => r.Url));
            Assert.All(arabic, r => Assert.Equal("ar", r.Language));
            Assert.NotNull(arabic[0].EventId);
            Assert.Null(arabic[1].EventId);
            var english = await FeedHost.ReportsAsync(app, English);
            Assert.Equal(2, english.Count);
            Assert.All(english, r => Assert.Equal(2, r.Tier));
            var strike = english.Single(r => r.Url == TestFeeds.EnglishAirstrike.Link);
            Assert.NotNull(strike.EventId);
            var pending = await FeedHost.QueryAsync(app, db => db.Events.CountAsync(e => e.Status == EventStatus.Pending));
            Assert.Equal(2, pending);

            var source = await FeedHost.SourceAsync(app, Arabic);
            Assert.Equal("\"ar-1\"", source.ETag);
            Assert.Equal(0, source.ConsecutiveFailures);
            Assert.NotNull(source.LastSuccessAt);
            Assert.Equal(3, await FeedHost.KnownKeysAsync(app, source.Id));

            // Polled again: the stored ETag is sent, the server answers 304, nothing is ingested.
            await FeedHost.PollNowAsync(app, Arabic);
            Assert.Equal((304, "\"ar-1\""), feeds.RequestsTo("ar.xml").Select(r => (r.Status, r.IfNoneMatch)).Last());
            Assert.Equal(2, (await FeedHost.ReportsAsync(app, Arabic)).Count);

            // A new ETag with one new item: only that item is ingested.
            feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicAirstrike, TestFeeds.ArabicShelling, TestFeeds.ArabicBakery, TestFeeds.ArabicOld), etag: "\"ar-2\"");
            await FeedHost.PollNowAsync(app, Arabic);
            Assert.Equal(200, feeds.RequestsTo("ar.xml")[^1].Status);
            arabic = await FeedHost.ReportsAsync(app, Arabic);
            Assert.Equal(3, arabic.Count);
            Assert.Equal(TestFeeds.ArabicAirstrike.Link, arabic[^1].Url);
            Assert.Equal("\"ar-2\"", (await FeedHost.SourceAsync(app, Arabic)).ETag);
        }

        // Restart on the same database. The feed changes again (new ETag) and the shelling item was edited, with a new link,
        // under the same guid: its key is known, so it is not ingested again (the report de-duplication alone would take it).
        var edited = TestFeeds.ArabicShelling with
        {
            Link = "https://deirwatch.example/news/5101-updated",
            Text = TestFeeds.ArabicShelling.Text + " وأضاف السكان أن القصف استمر ساعة.",
        };
        feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicAirstrike, edited, TestFeeds.ArabicBakery, TestFeeds.ArabicOld), etag: "\"ar-3\"");
        await using (var app = new AlertBotApp(database, settings))
        {
            _ = app.Server;
            var requests = feeds.RequestsTo("ar.xml").Count;

            // Its schedule says it is not due yet (polled a moment ago, every 10 minutes), so the console's "poll now".
            await FeedHost.PollNowAsync(app, Arabic);
            Assert.Equal(requests + 1, feeds.RequestsTo("ar.xml").Count);
            Assert.Equal(200, feeds.RequestsTo("ar.xml")[^1].Status);
            Assert.Equal(3, (await FeedHost.ReportsAsync(app, Arabic)).Count);
            var source = await FeedHost.SourceAsync(app, Arabic);
            Assert.Equal("\"ar-3\"", source.ETag);
            Assert.Equal(4, await FeedHost.KnownKeysAsync(app, source.Id));
        }
    }

    [Fact]
    public async Task A_source_with_FetchArticle_ingests_the_article_text_instead_of_the_summary()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var feeds = await LoopbackHttpServer.StartAsync();
        var item = TestFeeds.EnglishAirstrike with
        {
            Guid = "wire-7001",
            Link = feeds.Url("news/7001.html").AbsoluteUri,
            Text = "Read the full story on our site.",
        };
        feeds.Serve("en.xml", TestFeeds.Rss("Euphrates Wire", "en", item));
        feeds.Serve("news/7001.html", """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Airstrike reported near Albu Kamal</title></head>
            <body>
              <nav><a href="/">Home</a> <a href="/region">Region</a> <a href="/about">About the Euphrates Wire newsroom</a></nav>
              <article>
                <h1>Airstrike reported near Albu Kamal</h1>
                <p>Unidentified warplanes struck positions near Albu Kamal on the Syrian-Iraqi border before dawn, local sources said.</p>
                <p>Residents of the nearby village of al-Hari reported at least four explosions and said ambulances were seen heading to the area.</p>
              </article>
              <footer><p>Copyright Euphrates Wire, all rights reserved, written for tests.</p></footer>
            </body></html>
            """, "text/html; charset=utf-8");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            [$"Feeds:Sources:{English}:Url"] = feeds.Url("en.xml").AbsoluteUri,
            [$"Feeds:Sources:{English}:FetchArticle"] = "true",
        });
        _ = app.Server;

        await FeedHost.TriggerAsync(app, English);

        var report = Assert.Single(await FeedHost.ReportsAsync(app, English));
        Assert.Contains("at least four explosions", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Read the full story", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright", report.Text, StringComparison.Ordinal);
        Assert.Single(feeds.RequestsTo("news/7001.html"));
    }

    [Fact]
    public async Task A_feed_item_past_the_length_limit_is_refused_logged_and_counted_and_the_poll_goes_on()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var feeds = await LoopbackHttpServer.StartAsync();
        var flood = TestFeeds.EnglishMarket with
        {
            Guid = "wire-long",
            Link = "https://euphrateswire.example/2026/long",
            Text = string.Concat(Enumerable.Repeat("Traders at the market talked about the harvest and the weather. ", 5000)),
        };
        feeds.Serve("en.xml", TestFeeds.Rss("Euphrates Wire", "en", TestFeeds.EnglishAirstrike, flood));
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            [$"Feeds:Sources:{English}:Url"] = feeds.Url("en.xml").AbsoluteUri,
        });
        _ = app.Server;

        await FeedHost.TriggerAsync(app, English);

        var report = Assert.Single(await FeedHost.ReportsAsync(app, English));
        Assert.Equal(TestFeeds.EnglishAirstrike.Link, report.Url);
        var source = await FeedHost.SourceAsync(app, English);
        Assert.Equal(0, source.ConsecutiveFailures);
        var refused = await FeedHost.QueryAsync(app, db => db.FeedItemKeys.AsNoTracking().SingleAsync(k => k.SourceId == source.Id && k.Key == "wire-long"));
        Assert.Null(refused.ReportId);
        Assert.Contains("the limit is 262144 characters", refused.SkippedReason, StringComparison.Ordinal);
        var logged = await app.Logs.WaitForAsync(l => l.Message.StartsWith($"Feed {English} item wire-long refused: report is too long", StringComparison.Ordinal), FeedHost.PollTimeout);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("the limit is 262144 characters", logged.Message, StringComparison.Ordinal);
        await app.Logs.WaitForAsync(l => l.Message == $"Feed {English} polled: Fetched; 1 new report(s), 0 duplicate(s), 1 skipped", FeedHost.PollTimeout);
    }
}
