using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Storage;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Reads a running host's feed state from its database and drives its Hangfire jobs.</summary>
internal static class FeedHost
{
    public static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> QueryAsync<T>(AlertBotApp app, Func<AlertBotDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AlertBotDb>());
    }

    public static Task<FeedSource> SourceAsync(AlertBotApp app, string name) =>
        QueryAsync(app, db => db.FeedSources.AsNoTracking().SingleAsync(s => s.Name == name));

    public static Task<List<Report>> ReportsAsync(AlertBotApp app, string source) =>
        QueryAsync(app, db => db.Reports.AsNoTracking().Where(r => r.Source == source).OrderBy(r => r.Id).ToListAsync());

    public static Task<int> KnownKeysAsync(AlertBotApp app, long sourceId) =>
        QueryAsync(app, db => db.FeedItemKeys.CountAsync(k => k.SourceId == sourceId));

    /// <summary>Runs each source's recurring Hangfire job now (as its schedule would) and waits until every one has polled.</summary>
    public static Task TriggerAsync(AlertBotApp app, params string[] names) =>
        RunAndWaitAsync(app, names, (jobs, id) => jobs.Trigger(id));

    /// <summary>The console's "poll now": a Hangfire job that ignores the schedule and backoff.</summary>
    public static Task PollNowAsync(AlertBotApp app, params string[] names) =>
        RunAndWaitAsync(app, names, (jobs, id) => jobs.PollNow(id));

    private static async Task RunAndWaitAsync(AlertBotApp app, string[] names, Action<FeedJobs, long> start)
    {
        var jobs = app.Services.GetRequiredService<FeedJobs>();
        var before = new Dictionary<string, (long Id, DateTimeOffset? PolledAt)>();
        foreach (var name in names)
        {
            var source = await SourceAsync(app, name);
            before[name] = (source.Id, source.LastPolledAt);
        }

        foreach (var (id, _) in before.Values)
        {
            start(jobs, id);
        }

        foreach (var (name, (_, polledAt)) in before)
        {
            await WaitForPollAsync(app, name, polledAt);
        }
    }

    /// <summary>Waits until the source has been polled since <paramref name="polledAt"/> (its last poll before).</summary>
    public static async Task WaitForPollAsync(AlertBotApp app, string name, DateTimeOffset? polledAt)
    {
        var deadline = DateTime.UtcNow + PollTimeout;
        while ((await SourceAsync(app, name)).LastPolledAt == polledAt)
        {
            Assert.True(DateTime.UtcNow < deadline, $"source {name} was not polled within {PollTimeout}");
            await Task.Delay(50);
        }
    }
}
