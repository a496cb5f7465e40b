using System.Data.Common;
using AlertBot.Core;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AlertBot.Benchmarks;

/// <summary>
/// A scratch database for the delivery benchmarks: a SQLite file in a temporary directory, or a database of its own on
/// the PostgreSQL server named by <c>ALERTBOT_TEST_POSTGRES</c> (created here, dropped on dispose).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ALERTBOT_TEST_POSTGRES";

    private readonly string? _admin;
    private readonly string? _name;

    private BenchDatabase(string provider, string directory, string? connectionString, string? admin, string? name)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        _admin = admin;
        _name = name;
    }

    public string Provider { get; }

    public string Directory { get; }

    public string? ConnectionString { get; }

    /// <summary>Sqlite always; PostgreSql too when the server is configured.</summary>
    public static IEnumerable<string> AvailableProviders =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)) ? ["Sqlite"] : ["Sqlite", "PostgreSql"];

    public Dictionary<string, string?> Settings => new()
    {
        ["Storage:Provider"] = Provider,
        ["Storage:DataDirectory"] = Path.Combine(Directory, "data"),
        ["Storage:ConnectionString"] = ConnectionString,
    };

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("alertbot-bench-").FullName;
        if (provider == "Sqlite")
        {
            return new BenchDatabase(provider, directory, null, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException($"PostgreSQL needs {PostgresVariable}: a connection string of a role that may create databases");
        }

        var name = "alertbot_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(provider, directory, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    await Task.Delay(200);
                }
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>The bot's own registrations (core, event pipeline, delivery, gazetteer and extractor) in a plain Generic Host.</summary>
internal static class BenchHost
{
    public const string AlMayadin = "ES037";
    public const string AlTanf = "ES086";

    public static IHost Build(BenchDatabase database, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        if (extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(extra);
        }

        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));
        builder.Services
            .AddAlertBotCore()
            .AddEventPipeline(builder.Configuration)
            .AddDelivery(builder.Configuration);

        // As src/AlertBot/Hosting/ExtractionSetup.cs registers them (without the extra gazetteer directory).
        builder.Services.AddSingleton(_ => Gazetteer.LoadDefault());
        builder.Services.AddSingleton(sp => new ReportExtractor(sp.GetRequiredService<Gazetteer>()));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Adds <paramref name="count"/> sandbox recipients (private chats, chat ids from <paramref name="firstChatId"/>) with one
    /// subscription each to al-Mayadin shelling, and when <paramref name="withNonMatching"/> one more each to al-Tanf (any type).
    /// Set-based SQL: seconds for a million rows.
    /// </summary>
    public static async Task SeedAsync(AlertBotDbFactory dbFactory, int count, bool withNonMatching, long firstChatId = 1_000_000_000)
    {
        await using var db = dbFactory.Create();
        var postgres = dbFactory.Provider == StorageProvider.PostgreSql;
        var numbers = postgres
            ? "SELECT i FROM generate_series(1, @count) AS g(i)"
            : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count) SELECT i FROM n";
        var chatId = postgres ? "CAST(@first + i AS text)" : "CAST(@first + i AS TEXT)";
        var now = Time(dbFactory, DateTimeOffset.UtcNow);
        await ExecuteAsync(db, $"""
            INSERT INTO "Recipients" ("Platform", "ChatId", "Language", "CreatedAt", "TimeZone", "QuietMode", "Paused")
            SELECT 'sandbox', {chatId}, 'Both', @now, 'Asia/Damascus', 'Hold', FALSE FROM ({numbers}) AS seq
            """, ("count", count), ("first", firstChatId), ("now", now));
        const string Subscribe = """
            INSERT INTO "Subscriptions" ("RecipientId", "PlaceId", "ActorId", "EventType", "Mode", "CreatedAt")
            SELECT "Id", @place, NULL, @type, 'Instant', @now FROM "Recipients" WHERE "Platform" = 'sandbox'
            """;
        await ExecuteAsync(db, Subscribe, ("place", AlMayadin), ("type", "shelling"), ("now", now));
        if (withNonMatching)
        {
            await ExecuteAsync(db, Subscribe, ("place", AlTanf), ("type", DBNull.Value), ("now", now));
        }

        if (postgres)
        {
            await ExecuteAsync(db, "ANALYZE");
        }
    }

    /// <summary>Adds an al-Mayadin shelling event with one report, pending or already confirmed; returns its id.</summary>
    public static async Task<long> AddEventAsync(AlertBotDbFactory dbFactory, EventStatus status, string placeId = AlMayadin)
    {
        await using var db = dbFactory.Create();
        var now = DateTimeOffset.UtcNow;
        var e = new Event
        {
            Status = status,
            EventTypes = ["shelling"],
            PlaceIds = [placeId],
            EventDate = DateOnly.FromDateTime(now.UtcDateTime),
            CreatedAt = now,
            UpdatedAt = now,
            FirstReportAt = now,
            LastReportAt = now,
            SourceCount = 1,
            OutletCount = 1,
            DecidedBy = status == EventStatus.Confirmed ? "bench:moderator" : null,
            DecidedAt = status == EventStatus.Confirmed ? now : null,
        };
        var key = Guid.NewGuid().ToString("N");
        e.Reports.Add(new Report
        {
            Source = "Bench Outlet",
            Url = $"https://example.org/news/{key}",
            UrlKey = $"example.org/news/{key}",
            ContentHash = key,
            Title = "Shelling on al-Mayadin",
            Text = "Artillery shelling hit the outskirts of al-Mayadin this morning.",
            Language = "en",
            ReceivedAt = now,
            SubmittedBy = "bench",
            Relevant = true,
            EventTypes = ["shelling"],
            PlaceIds = [placeId],
        });
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    public static async Task<int> ExecuteAsync(AlertBotDb db, string sql, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }

            return await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A time as the provider stores it (SQLite: binary ticks, as the model's converter writes them).</summary>
    private static object Time(AlertBotDbFactory dbFactory, DateTimeOffset value) =>
        dbFactory.Provider == StorageProvider.PostgreSql ? value.ToUniversalTime() : new DateTimeOffsetToBinaryConverter().ConvertToProvider(value)!;
}
