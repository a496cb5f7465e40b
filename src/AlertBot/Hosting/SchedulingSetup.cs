using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using AlertBot.Security;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

/// <summary>The <c>Scheduling</c> section: how Hangfire runs in this process.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often due recurring and delayed jobs are looked for.</summary>
    public int PollIntervalSeconds { get; set; } = 15;

    /// <summary>Sandbox transcripts older than this are deleted by the daily clean-up job.</summary>
    public int SandboxRetentionDays { get; set; } = 30;
}

internal static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section))
            .Validate(o => o.PollIntervalSeconds is >= 1 and <= 3600, "Scheduling:PollIntervalSeconds must be between 1 and 3600")
            .Validate(o => o.SandboxRetentionDays >= 1, "Scheduling:SandboxRetentionDays must be at least 1")
            .ValidateOnStart();

        // Hangfire holds no durable state of ours: with SQLite it runs in memory, and recurring jobs are registered
        // again at every start from configuration and our own tables.
        services.AddHangfire((sp, cfg) =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var db = sp.GetRequiredService<AlertBotDbFactory>();
            if (db.Provider == StorageProvider.PostgreSql)
            {
                cfg.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(db.ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                    });
            }
            else
            {
                cfg.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.SchedulePollingInterval = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.PollIntervalSeconds);
            o.WorkerCount = Math.Min(Environment.ProcessorCount * 5, 20);
        });
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddScoped<SandboxCleanupJob>();
        return services;
    }

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Access is decided by the console's authorization policy on the endpoint, not by Hangfire's local-only default.
            Authorization = [new AllowAuthenticatedConsoleUser()],

            // Only moderators may change jobs (trigger, delete, requeue); everyone else sees a read-only dashboard, and
            // Hangfire refuses their commands.
            IsReadOnlyFunc = context =>
            {
                var http = context.GetHttpContext();
                return !http.RequestServices.GetRequiredService<ModeratorAccess>().IsModerator(http.User);
            },
            DisplayStorageConnectionString = false,
            DashboardTitle = "AlertBot jobs",
            AppPath = "/",
        });

    private sealed class AllowAuthenticatedConsoleUser : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}

/// <summary>Registers the recurring jobs at every start: safe to repeat, and the only way they exist with in-memory storage.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs) : IHostedService
{
    public const string SandboxCleanup = "sandbox-cleanup";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<SandboxCleanupJob>(SandboxCleanup, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The daily clean-up: sandbox transcript lines past the retention period, and subscription change-log rows older
/// than a day (every process replays the log within seconds; a process that starts later loads the subscriptions
/// themselves). Reentrant: running it twice deletes nothing more.
/// </summary>
public sealed partial class SandboxCleanupJob(AlertBotDb db, IssuedButtons issuedButtons, IOptions<SchedulingOptions> options, TimeProvider time, ILogger<SandboxCleanupJob> logger)
{
    public static readonly TimeSpan ChangeLogRetention = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.SandboxRetentionDays);
        var deleted = await db.SandboxMessages.Where(m => m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        LogDeleted(logger, deleted, cutoff);
        var changesCutoff = now - ChangeLogRetention;
        var changes = await db.SubscriptionChanges.Where(c => c.At < changesCutoff).ExecuteDeleteAsync(ct);
        LogChangesDeleted(logger, changes);
        LogMenusForgotten(logger, await issuedButtons.CleanUpAsync(ct));
    }

    [LoggerMessage(LogLevel.Information, "Sandbox clean-up deleted {Count} message(s) sent before {Cutoff}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(LogLevel.Information, "Clean-up forgot the buttons of {Count} menu(s) older than 30 days; presses on them are answered as stale")]
    private static partial void LogMenusForgotten(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Clean-up deleted {Count} subscription change-log row(s) older than a day")]
    private static partial void LogChangesDeleted(ILogger logger, int count);
}
