using System.Net;
using AlertBot.Core.Feeds;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using AlertBot.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Sources added, edited, disabled and enabled in the web console, and what that does to their Hangfire jobs.</summary>
public sealed class FeedConsoleTests
{
    private const string Name = "Deir Watch";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_moderator_adds_edits_disables_and_enables_a_source_and_its_job_follows(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.Serve("ar.xml", TestFeeds.Rss("مرصد دير الزور", "ar", TestFeeds.ArabicShelling, TestFeeds.ArabicBakery, TestFeeds.ArabicOld), etag: "\"ar-1\"");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Console:Users:cora:PasswordHash"] = PasswordHashes.Hash("cora's long console password"),
            ["Console:Users:cora:Roles"] = "curator",
        });
        _ = app.Server;
        var form = new Dictionary<string, string>
        {
            ["Form.Name"] = Name,
            ["Form.Url"] = feeds.Url("ar.xml").AbsoluteUri,
            ["Form.Language"] = "ar",
            ["Form.Tier"] = "1",
            ["Form.IntervalSeconds"] = "900",
            ["Form.Keywords"] = "قصف، غارة",
        };

        // A console user without the moderator role sees the page but may not change anything.
        using (var cora = await app.ConsoleClientAsync("cora", "cora's long console password"))
        {
            var page = await cora.GetStringAsync(new Uri("/sources", UriKind.Relative));
            Assert.DoesNotContain("Add a source", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(cora, "/sources", "/sources?handler=Add", form)).StatusCode);
        }

        using var mona = await app.ConsoleClientAsync();

        // Invalid: the page answers with the field's problem, nothing is stored.
        var invalid = await PostAsync(mona, "/sources", "/sources?handler=Add", new(form) { ["Form.Url"] = "ftp://deirwatch.example/feed" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("is not an absolute http or https URL", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await FeedHost.QueryAsync(app, db => db.FeedSources.CountAsync()));

        // Added: scheduled every 15 minutes, polled at once; the keywords let only the shelling through.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(mona, "/sources", "/sources?handler=Add", form)).StatusCode);
        await FeedHost.WaitForPollAsync(app, Name, null);
        var source = await FeedHost.SourceAsync(app, Name);
        Assert.False(source.FromConfiguration);
        Assert.Equal(["قصف", "غارة"], source.Keywords);
        Assert.Equal("*/15 * * * *", Cron(app, source.Id));
        var report = Assert.Single(await FeedHost.ReportsAsync(app, Name));
        Assert.Equal(TestFeeds.ArabicShelling.Link, report.Url);
        Assert.Equal(1, report.Tier);

        // "Poll now" on the page: polled again at once, whatever the schedule says; the server answers 304.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(mona, "/sources", $"/sources?id={source.Id}&handler=PollNow", [])).StatusCode);
        await FeedHost.WaitForPollAsync(app, Name, source.LastPolledAt);
        Assert.Equal(304, feeds.RequestsTo("ar.xml")[^1].Status);

        // Edited: every hour.
        var edit = await PostAsync(mona, $"/sources/{source.Id}", $"/sources/{source.Id}", new(form) { ["Form.IntervalSeconds"] = "3600" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal(3600, (await FeedHost.SourceAsync(app, Name)).IntervalSeconds);
        Assert.Equal("0 * * * *", Cron(app, source.Id));

        // Disabled: no job, and the page says who did it. Enabled: the job is back.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(mona, "/sources", $"/sources?id={source.Id}&handler=Disable", [])).StatusCode);
        Assert.Null(Cron(app, source.Id));
        var row = FeedHealthTests.SourceRow(await mona.GetStringAsync(new Uri("/sources", UriKind.Relative)), Name);
        Assert.Contains("disabled (console)", row, StringComparison.Ordinal);
        Assert.Contains("disabled in the console by console:mona", row, StringComparison.Ordinal);
        Assert.Equal(FeedDisabledBy.Console, (await FeedHost.SourceAsync(app, Name)).DisabledBy);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(mona, "/sources", $"/sources?id={source.Id}&handler=Enable", [])).StatusCode);
        Assert.True((await FeedHost.SourceAsync(app, Name)).Enabled);
        Assert.Equal("0 * * * *", Cron(app, source.Id));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string path, Dictionary<string, string> fields)
    {
        var token = AlertBotApp.AntiforgeryToken().Match(await client.GetStringAsync(new Uri(formPage, UriKind.Relative))).Groups[1].Value;
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(body));
    }

    private static string? Cron(AlertBotApp app, long sourceId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == FeedJobs.JobId(sourceId))?.Cron;
    }
}
