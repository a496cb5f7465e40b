using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Storage;

/// <summary>
/// Creates the provider's <see cref="AlertBotDb"/>; the options are built once. EF Core logs through
/// <paramref name="loggerFactory"/> (the host's), so its lines follow the host's <c>Logging</c> settings.
/// </summary>
public sealed class AlertBotDbFactory
{
    private readonly Func<AlertBotDb> _create;

    public AlertBotDbFactory(IOptions<StorageOptions> options, ILoggerFactory? loggerFactory = null)
    {
        var storage = options.Value;
        Provider = storage.ParsedProvider;
        ConnectionString = storage.EffectiveConnectionString;
        switch (Provider)
        {
            case StorageProvider.Sqlite:
                Directory.CreateDirectory(storage.DataDirectory);
                var sqlite = WithLogging(new DbContextOptionsBuilder<SqliteAlertBotDb>(), loggerFactory)
                    .UseSqlite(ConnectionString)
                    .AddInterceptors(new SqliteConnectionSettings())
                    .Options;
                _create = () => new SqliteAlertBotDb(sqlite);
                break;
            default:
                var postgres = WithLogging(new DbContextOptionsBuilder<PostgresAlertBotDb>(), loggerFactory)
                    .UseNpgsql(ConnectionString)
                    .Options;
                _create = () => new PostgresAlertBotDb(postgres);
                break;
        }
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public AlertBotDb Create() => _create();

    private static DbContextOptionsBuilder<T> WithLogging<T>(DbContextOptionsBuilder<T> builder, ILoggerFactory? loggerFactory)
        where T : DbContext => loggerFactory is null ? builder : builder.UseLoggerFactory(loggerFactory);

    /// <summary>Applies pending migrations (both providers serialise concurrent migrators with a lock); returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var db = Create();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await db.Database.MigrateAsync(ct);
        if (Provider == StorageProvider.Sqlite)
        {
            // WAL lets the console read while the dispatcher writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return pending;
    }
}
