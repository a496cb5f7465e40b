using System.Net;
using System.Net.Sockets;
using AlertBot.IntegrationTests.Infrastructure;
using Npgsql;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>
/// What an operator meets at start when the database or the address is wrong: one line naming the setting and the fix,
/// exit code 2, no stack trace. The executable runs as a child process.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Unwritable_sqlite_data_directory_is_one_line_naming_storage_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-dbfail-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "not-a-directory"), "a file where the data directory should go");

        var line = await FailingStartAsync(directory, "--Storage:DataDirectory=not-a-directory/data", "--urls", "http://127.0.0.1:0");

        Assert.StartsWith("alertbot: database error: Storage:DataDirectory", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory, "not-a-directory", "data"), line, StringComparison.Ordinal);
        Assert.Contains("writable", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_file_that_cannot_be_opened_is_one_line_naming_storage_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-hffail-").FullName;

        // A directory where Hangfire's SQLite file (hangfire.db, beside the bot's) should be.
        Directory.CreateDirectory(Path.Combine(directory, "data", "hangfire.db"));

        var line = await FailingStartAsync(directory, "--urls", "http://127.0.0.1:0");

        Assert.StartsWith("alertbot: database error: Storage:DataDirectory", line, StringComparison.Ordinal);
        Assert.Contains("SQLite cannot create or write", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_in_use_is_one_line_naming_urls()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";

        var line = await FailingStartAsync(Directory.CreateTempSubdirectory("alertbot-port-").FullName, "--urls", url);

        Assert.StartsWith("alertbot: configuration error: --urls / ASPNETCORE_URLS", line, StringComparison.Ordinal);
        Assert.Contains($"{url} is already in use", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Wrong_postgres_password_is_one_line_naming_the_connection_string_for_run_and_for_migrate()
    {
        var server = Server();
        var connection = new NpgsqlConnectionStringBuilder(server) { Password = "certainly-not-the-password", Database = "alertbot_never_created" }.ConnectionString;

        foreach (var verb in new[] { "run", "migrate" })
        {
            var line = await FailingStartAsync(Directory.CreateTempSubdirectory("alertbot-pgpass-").FullName, verb, "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connection}", "--urls", "http://127.0.0.1:0");

            Assert.StartsWith("alertbot: database error: Storage:ConnectionString", line, StringComparison.Ordinal);
            Assert.Contains($"refused user '{new NpgsqlConnectionStringBuilder(server).Username}'", line, StringComparison.Ordinal);
            Assert.Contains("fix Username and Password", line, StringComparison.Ordinal);
            Assert.DoesNotContain("certainly-not-the-password", line, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Postgres_server_down_is_one_line_naming_host_and_port()
    {
        var server = Server();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var connection = new NpgsqlConnectionStringBuilder(server) { Host = "127.0.0.1", Port = closedPort, Timeout = 5 }.ConnectionString;

        var line = await FailingStartAsync(Directory.CreateTempSubdirectory("alertbot-pgdown-").FullName, "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connection}", "--urls", "http://127.0.0.1:0");

        Assert.Equal($"alertbot: database error: Storage:ConnectionString: no PostgreSQL server answers at 127.0.0.1:{closedPort} (connection refused): start PostgreSQL there, or fix Host and Port in Storage:ConnectionString", line);
    }

    [SkippableFact]
    public async Task Database_where_the_role_may_not_create_tables_is_one_line_saying_what_the_role_needs()
    {
        var server = Server();

        // PostgreSQL 15 and later: in a database someone else owns, a role may not create tables in schema public.
        var foreign = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(foreign))
        {
            await connection.OpenAsync();
            await using var rights = new NpgsqlCommand("SELECT has_schema_privilege('public', 'CREATE') OR has_database_privilege(current_database(), 'CREATE')", connection);
            Skip.If((bool)(await rights.ExecuteScalarAsync())!, "the test role may create in the database 'postgres', so no database here refuses it");
        }

        var line = await FailingStartAsync(Directory.CreateTempSubdirectory("alertbot-pgright-").FullName, "migrate", "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={foreign}");

        Assert.StartsWith("alertbot: database error: Storage:ConnectionString: user ", line, StringComparison.Ordinal);
        Assert.Contains("may not create the bot's tables in database 'postgres'", line, StringComparison.Ordinal);
        Assert.Contains("permission denied", line, StringComparison.Ordinal);
        Assert.Contains("OWNER TO", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Missing_database_is_created_when_the_role_may_and_is_one_line_when_it_may_not()
    {
        var server = Server();
        var name = "alertbot_missing_" + Guid.NewGuid().ToString("N")[..10];
        var missing = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        bool mayCreate;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var rights = new NpgsqlCommand("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user", connection);
            mayCreate = (bool)(await rights.ExecuteScalarAsync())!;
        }

        await using var bot = BotProcess.Start(Directory.CreateTempSubdirectory("alertbot-pgmissing-").FullName, null, "migrate", "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={missing}");
        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(90));
        try
        {
            if (mayCreate)
            {
                Assert.Equal(0, exit);
                Assert.Matches(@"migrate: [1-9][0-9]* migration\(s\) applied", bot.Stderr);
            }
            else
            {
                Assert.Equal(2, exit);
                var line = Assert.Single(bot.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains($"database '{name}' does not exist", line, StringComparison.Ordinal);
                Assert.Contains("CREATEDB", line, StringComparison.Ordinal);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The branch the CI role (it has CREATEDB) never takes: a role that may not create the missing database.</summary>
    [SkippableFact]
    public async Task Missing_database_and_a_role_without_CREATEDB_is_one_line_saying_what_the_role_needs()
    {
        var limited = Environment.GetEnvironmentVariable(LimitedVariable);
        if (string.IsNullOrWhiteSpace(limited) && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI must configure a role without CREATEDB: set {LimitedVariable} (.ci/run does)");
        }

        Skip.If(string.IsNullOrWhiteSpace(limited), $"set {LimitedVariable} to a connection string of a role without CREATEDB (.ci/run does)");
        var name = "alertbot_nocreate_" + Guid.NewGuid().ToString("N")[..10];
        var missing = new NpgsqlConnectionStringBuilder(limited) { Database = name }.ConnectionString;

        var line = await FailingStartAsync(Directory.CreateTempSubdirectory("alertbot-pgnocreate-").FullName, "migrate", "--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={missing}");

        Assert.StartsWith("alertbot: database error: Storage:ConnectionString: ", line, StringComparison.Ordinal);
        Assert.Contains($"database '{name}' does not exist", line, StringComparison.Ordinal);
        Assert.Contains("CREATEDB", line, StringComparison.Ordinal);
        Assert.DoesNotContain("alertbot_limited;", line, StringComparison.Ordinal); // the password is never echoed
    }

    /// <summary>Starts the bot, expects exit code 2 and exactly one line on stderr (nothing on stdout), and returns that line.</summary>
    private static async Task<string> FailingStartAsync(string directory, params string[] args)
    {
        await using var bot = BotProcess.Start(directory, null, args);
        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 2, $"exit {exit}, stderr:\n{bot.Stderr}");
        Assert.Empty(bot.Stdout);
        var line = Assert.Single(bot.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return line.TrimEnd('\r');
    }

    public const string LimitedVariable = "ALERTBOT_TEST_POSTGRES_LIMITED";

    private static string Server()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server) && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI must configure PostgreSQL: set {TestDatabase.PostgresVariable}");
        }

        Skip.If(string.IsNullOrWhiteSpace(server), $"PostgreSQL start-failure tests need a server: set {TestDatabase.PostgresVariable}");
        return server!;
    }
}
