using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Storage;

/// <summary>Creates the provider's <see cref="AlertBotDb"/>; the options are built once.</summary>
public sealed class AlertBotDbFactory
{
    private readonly Func<AlertBotDb> _create;

    public AlertBotDbFactory(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Provider = storage.ParsedProvider;
        ConnectionString = storage.EffectiveConnectionString;
        switch (Provider)
        {
            case StorageProvider.Sqlite:
                Directory.CreateDirectory(storage.DataDirectory);
                var sqlite = new DbContextOptionsBuilder<SqliteAlertBotDb>()
                    .UseSqlite(ConnectionString)
                    .AddInterceptors(new SqliteConnectionSettings())
                    .Options;
                _create = () => new SqliteAlertBotDb(sqlite);
                break;
            default:
                var postgres = new DbContextOptionsBuilder<PostgresAlertBotDb>()
                    .UseNpgsql(ConnectionString)
                    .Options;
                _create = () => new PostgresAlertBotDb(postgres);
                break;
        }
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public AlertBotDb Create() => _create();

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
