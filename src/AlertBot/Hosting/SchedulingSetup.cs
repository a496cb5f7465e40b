using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using AlertBot.Security;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
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

    /// <summary>
    /// SQLite only: how long a fetched job stays invisible to other workers. It must be longer than the longest job (a
    /// job still running after it is fetched and run again), and it is also how long a job that was running when the
    /// process died waits before it runs again.
    /// </summary>
    public int InvisibilityTimeoutMinutes { get; set; } = 30;
}

/// <summary>Where Hangfire keeps its jobs when the bot runs on SQLite.</summary>
public static class HangfireSqliteFile
{
    public const string FileName = "hangfire.db";

    /// <summary>
    /// <c>hangfire.db</c> beside the bot's SQLite file (Hangfire.Storage.SQLite wants a plain path, not a
    /// <c>Data Source=</c> string). Its own file keeps Hangfire's unprefixed tables out of the bot's schema and its many
    /// small commits away from the dispatcher's; a damaged one may be deleted, since jobs are registered again at start.
    /// An in-memory bot database has no directory: the file then goes to <paramref name="dataDirectory"/>.
    /// </summary>
    public static string PathFor(string sqliteConnectionString, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        var source = builder.DataSource;
        var inMemory = string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        var directory = inMemory ? Path.GetFullPath(dataDirectory) : Path.GetDirectoryName(Path.GetFullPath(source))!;
        return Path.Combine(directory, FileName);
    }
}

internal static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section))
            .Validate(o => o.PollIntervalSeconds is >= 1 and <= 3600, "Scheduling:PollIntervalSeconds must be between 1 and 3600")
            .Validate(o => o.SandboxRetentionDays >= 1, "Scheduling:SandboxRetentionDays must be at least 1")
            .Validate(o => o.InvisibilityTimeoutMinutes is >= 5 and <= 1440, "Scheduling:InvisibilityTimeoutMinutes must be between 5 and 1440")
            .ValidateOnStart();

        // Hangfire holds no durable state of ours: recurring jobs are registered again at every start from configuration
        // and our own tables. Its storage keeps scheduled jobs, recurring jobs and history across restarts: PostgreSQL
        // (schema hangfire, shared by every instance) or, with SQLite, its own file hangfire.db beside the bot's (one
        // Hangfire server per file: SQLite mode is one instance; its queue locking is per process).
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
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
                cfg.UseSQLiteStorage(
                    HangfireSqliteFile.PathFor(db.ConnectionString, storage.DataDirectory),
                    new SQLiteStorageOptions
                    {
                        // The default 15 s would delay "poll now" and every enqueued job by up to that much.
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        InvisibilityTimeout = TimeSpan.FromMinutes(scheduling.InvisibilityTimeoutMinutes),
                    });
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
