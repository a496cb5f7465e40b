using AlertBot.Core.Feeds;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

internal static class FeedsSetup
{
    /// <summary>Feed polling: options, the shared fetcher, one Hangfire recurring job per enabled source (registered at start).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFeedPolling(configuration);
        services.AddScoped<FeedPollJob>();
        services.AddSingleton<FeedJobs>();
        services.AddHostedService<FeedSourcesStartup>();
        return services;
    }
}

/// <summary>The Hangfire side of sources: their recurring jobs, and "poll now".</summary>
public sealed class FeedJobs(IRecurringJobManager recurring, IBackgroundJobClient background)
{
    public static string JobId(long sourceId) => "feed-source-" + sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds or updates the source's recurring job; a disabled source has none.</summary>
    public void Register(FeedSource source)
    {
        if (source.Enabled)
        {
            var id = source.Id;
            recurring.AddOrUpdate<FeedPollJob>(JobId(id), j => j.RunAsync(id, false, CancellationToken.None), FeedSourceRules.Cron(source.IntervalSeconds));
        }
        else
        {
            Unregister(source.Id);
        }
    }

    public void Unregister(long sourceId) => recurring.RemoveIfExists(JobId(sourceId));

    /// <summary>Runs the source's recurring job now (it still skips a source that is not due).</summary>
    public void Trigger(long sourceId) => recurring.Trigger(JobId(sourceId));

    /// <summary>Polls now, whatever the schedule or backoff says (the console's "poll now").</summary>
    public string PollNow(long sourceId) => background.Enqueue<FeedPollJob>(j => j.RunAsync(sourceId, true, CancellationToken.None));
}

/// <summary>A Hangfire job: one poll of one source, by id. Reentrant (see <see cref="FeedPoller"/>); exceptions reach Hangfire for its retries.</summary>
public sealed class FeedPollJob(FeedPoller poller, FeedJobs jobs)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long sourceId, bool force, CancellationToken ct)
    {
        var result = await poller.PollAsync(sourceId, force, ct);
        if (result.Outcome is FeedPollOutcome.AutoDisabled or FeedPollOutcome.Disabled or FeedPollOutcome.Missing)
        {
            // A disabled or deleted source has no schedule; enabling it in the console registers it again.
            jobs.Unregister(sourceId);
        }
    }
}

/// <summary>At start: configured sources into our table, then a recurring job for every enabled source.</summary>
internal sealed partial class FeedSourcesStartup(IServiceScopeFactory scopes, IOptions<FeedsOptions> options, FeedJobs jobs, ILogger<FeedSourcesStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<FeedSource> sources;
        try
        {
            sources = await SyncAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance on the same database synced the same configuration at this moment: read again.
            sources = await SyncAsync(cancellationToken);
        }

        foreach (var source in sources)
        {
            jobs.Register(source);
        }

        LogRegistered(logger, sources.Count(s => s.Enabled), sources.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<IReadOnlyList<FeedSource>> SyncAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedSourceCatalog>().SyncConfigurationAsync(options.Value.Sources, ct);
    }

    [LoggerMessage(LogLevel.Information, "Feeds: {Enabled} of {Total} source(s) enabled and scheduled")]
    private static partial void LogRegistered(ILogger logger, int enabled, int total);
}
