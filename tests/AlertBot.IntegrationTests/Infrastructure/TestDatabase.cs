using Npgsql;

namespace AlertBot.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new database on the PostgreSQL
/// server named by <c>ALERTBOT_TEST_POSTGRES</c> (dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ALERTBOT_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(string provider, string directory, string? connectionString, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    public string Provider { get; }

    /// <summary>A temporary directory for this test (the SQLite file lives here).</summary>
    public string Directory { get; }

    public string? ConnectionString { get; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Provider,
        ["Storage:DataDirectory"] = Path.Combine(Directory, "data"),
        ["Storage:ConnectionString"] = ConnectionString,
    };

    /// <summary>
    /// Creates the database, or skips the test with the reason when PostgreSQL is asked for and none is configured.
    /// In CI (<c>CI=true</c>) a missing PostgreSQL fails instead: CI always configures one.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("alertbot-test-").FullName;
        if (provider == "Sqlite")
        {
            return new TestDatabase(provider, directory, null, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI must configure PostgreSQL: set {PostgresVariable}");
            }

            Skip.If(true, $"PostgreSQL tests need a server: set {PostgresVariable} to a connection string of a role that may create databases (.ci/run does)");
        }

        var name = "alertbot_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, directory, builder.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);

            // FORCE may not end a backend of another role, such as an autovacuum worker that has just started on the
            // fresh database (42501), nor one still shutting down (55006): those end on their own within moments.
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
            // A process that has not quite exited may still hold a file; the OS cleans temp later.
        }
    }
}
