using System.Net;
using AlertBot.Core.Feeds;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Sources that fail: what the health page shows, auto-disable, and the address guard.</summary>
public sealed class FeedHealthTests
{
    private const string Good = "Euphrates Wire";
    private const string Broken = "Broken Feed";
    private const string Maintenance = "Maintenance Page";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_sources_show_their_errors_leave_a_good_source_alone_and_are_disabled_after_repeated_failures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.Serve("en.xml", TestFeeds.Rss("Euphrates Wire", "en", TestFeeds.EnglishAirstrike, TestFeeds.EnglishMarket), etag: "\"en-1\"");
        feeds.Serve("broken.xml", TestFeeds.BrokenXml);
        feeds.Serve("page.html", TestFeeds.HtmlPage, "text/html; charset=utf-8");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Feeds:DisableAfterFailures"] = "3",
            ["Feeds:DisableWithoutSuccessHours"] = "0",
            [$"Feeds:Sources:{Good}:Url"] = feeds.Url("en.xml").AbsoluteUri,
            [$"Feeds:Sources:{Broken}:Url"] = feeds.Url("broken.xml").AbsoluteUri,
            [$"Feeds:Sources:{Maintenance}:Url"] = feeds.Url("page.html").AbsoluteUri,
        });
        _ = app.Server;
        using var console = await app.ConsoleClientAsync();

        // One run: all three jobs at once.
        await FeedHost.TriggerAsync(app, Good, Broken, Maintenance);
        Assert.Equal(2, (await FeedHost.ReportsAsync(app, Good)).Count);
        Assert.Equal(0, (await FeedHost.SourceAsync(app, Good)).ConsecutiveFailures);
        var page = await console.GetStringAsync(new Uri("/sources", UriKind.Relative));
        Assert.Contains(">InvalidDocument<", SourceRow(page, Broken), StringComparison.Ordinal);
        Assert.Contains(">NotAFeed<", SourceRow(page, Maintenance), StringComparison.Ordinal);
        Assert.Contains(">none<", SourceRow(page, Good), StringComparison.Ordinal);
        Assert.DoesNotContain("disabled after repeated failures", page, StringComparison.Ordinal);
        Assert.Equal(1, (await FeedHost.SourceAsync(app, Broken)).ConsecutiveFailures);

        // Two more failures each: both are switched off, the page says so at the top, and their schedules are gone.
        await FeedHost.PollNowAsync(app, Broken, Maintenance);
        await FeedHost.PollNowAsync(app, Broken, Maintenance);
        foreach (var name in new[] { Broken, Maintenance })
        {
            var source = await FeedHost.SourceAsync(app, name);
            Assert.False(source.Enabled);
            Assert.Equal(FeedDisabledBy.Health, source.DisabledBy);
            Assert.Equal(3, source.ConsecutiveFailures);
        }

        page = await console.GetStringAsync(new Uri("/sources", UriKind.Relative));
        var banner = Banner(page);
        Assert.Contains(Broken, banner, StringComparison.Ordinal);
        Assert.Contains(Maintenance, banner, StringComparison.Ordinal);
        Assert.DoesNotContain(Good, banner, StringComparison.Ordinal);
        Assert.Contains("3 consecutive failures", banner, StringComparison.Ordinal);
        Assert.Contains("disabled (health)", SourceRow(page, Broken), StringComparison.Ordinal);
        var overview = Banner(await console.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains(Broken, overview, StringComparison.Ordinal);
        Assert.DoesNotContain(Good, overview, StringComparison.Ordinal);
        Assert.True((await FeedHost.SourceAsync(app, Good)).Enabled);
        var scheduled = RecurringJobIds(app);
        Assert.Contains(FeedJobs.JobId((await FeedHost.SourceAsync(app, Good)).Id), scheduled);
        Assert.DoesNotContain(FeedJobs.JobId((await FeedHost.SourceAsync(app, Broken)).Id), scheduled);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_without_AllowPrivateAddresses()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicShelling));
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:Sources:Local:Url"] = $"http://localhost:{feeds.Port}/ar.xml",
        });
        _ = app.Server;

        await FeedHost.TriggerAsync(app, "Local");

        var source = await FeedHost.SourceAsync(app, "Local");
        Assert.Equal(nameof(AlertBot.Feeds.FeedFailureKind.BlockedAddress), source.LastErrorKind);
        Assert.Equal(0, feeds.TotalRequests);
        Assert.Empty(await FeedHost.ReportsAsync(app, "Local"));
        using var console = await app.ConsoleClientAsync();
        var page = await console.GetStringAsync(new Uri("/sources", UriKind.Relative));
        Assert.Contains(">BlockedAddress<", SourceRow(page, "Local"), StringComparison.Ordinal);
    }

    /// <summary>The table row of one source on the Sources page.</summary>
    internal static string SourceRow(string page, string name)
    {
        var marker = $"<strong dir=\"auto\">{WebUtility.HtmlEncode(name)}</strong>";
        var row = page.Split("<tr id=\"source-", StringSplitOptions.None).Skip(1).SingleOrDefault(r => r.Contains(marker, StringComparison.Ordinal));
        Assert.True(row is not null, $"no row for {name}");
        return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
    }

    private static string Banner(string page)
    {
        var start = page.IndexOf("aria-label=\"Disabled sources\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no banner of disabled sources");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static List<string> RecurringJobIds(AlertBotApp app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }
}
