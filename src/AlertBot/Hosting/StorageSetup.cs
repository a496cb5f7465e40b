using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

internal static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // Registered first so that migrations are applied before anything else starts.
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService<MigrateOnStart>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.TryParse<StorageProvider>(options.Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider)
            || int.TryParse(options.Provider, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            failures.Add($"Storage:Provider '{options.Provider}' is not one of Sqlite, PostgreSql");
        }
        else if (provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is required when Storage:Provider is PostgreSql");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Storage:DataDirectory must not be empty");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Applies migrations when the host starts, unless the executable already did before starting it (<see cref="DatabaseStartup"/>);
/// several instances may start at once (EF Core takes a migration lock).
/// </summary>
internal sealed partial class MigrateOnStart(AlertBotDbFactory dbFactory, DatabaseStartup startup, ILogger<MigrateOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (startup.Applied is not null)
        {
            return;
        }

        var applied = await dbFactory.MigrateAsync(cancellationToken);
        LogMigrated(logger, dbFactory.Provider, applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Database ready on {Provider}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, StorageProvider provider, int applied);
}

/// <summary>Ready when the database answers and has no pending migration.</summary>
internal sealed class DatabaseReadyCheck(AlertBotDbFactory dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = dbFactory.Create();
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
