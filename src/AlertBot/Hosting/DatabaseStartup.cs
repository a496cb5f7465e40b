using System.Net;
using System.Net.Sockets;
using AlertBot.Core.Storage;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AlertBot.Hosting;

/// <summary>
/// Before the host starts: the listening addresses are free, the database answers, is migrated and (with PostgreSQL)
/// holds Hangfire's schema (with SQLite, its file hangfire.db). Each problem an operator can meet at start becomes one line naming the setting and the fix,
/// instead of a stack trace.
/// </summary>
internal sealed partial class DatabaseStartup(IOptions<StorageOptions> storage, IServiceProvider services, ILogger<DatabaseStartup> logger)
{
    /// <summary>Migrations applied by <see cref="PrepareAsync"/>; null until it has run (then the host does not migrate again).</summary>
    public int? Applied { get; private set; }

    /// <summary>Migrates and prepares Hangfire's storage; returns the operator's line when that fails, else null.</summary>
    public async Task<string?> PrepareAsync(bool withJobStorage, CancellationToken ct)
    {
        try
        {
            // Resolved here: for SQLite the factory creates the data directory, which may fail.
            var dbFactory = services.GetRequiredService<AlertBotDbFactory>();
            var applied = await dbFactory.MigrateAsync(ct);
            if (withJobStorage)
            {
                // Resolving the storage creates Hangfire's schema (PostgreSQL): a missing right shows here, not in a hosted service.
                services.GetRequiredService<JobStorage>();
            }

            Applied = applied;
            LogMigrated(logger, dbFactory.Provider, applied);
            return null;
        }
        catch (Exception ex) when (DatabaseError.Describe(ex, storage.Value) is { } line)
        {
            return line;
        }
    }

    [LoggerMessage(LogLevel.Information, "Database ready on {Provider}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, StorageProvider provider, int applied);
}

/// <summary>What the executable checks after the settings and before it starts: free addresses, then the database.</summary>
internal static class StartupChecks
{
    /// <summary>The one line to print (exit code 2), or null when the verb may go on.</summary>
    public static async Task<string?> FindProblemAsync(WebApplication app, string verb)
    {
        if (verb == Verbs.Run && ListeningAddresses.FindProblem(app.Configuration[WebHostDefaults.ServerUrlsKey]) is { } address)
        {
            return $"alertbot: configuration error: {address}";
        }

        if (verb == Verbs.Extract)
        {
            return null;
        }

        var database = await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(withJobStorage: verb == Verbs.Run, CancellationToken.None);
        return database is null ? null : $"alertbot: database error: {database}";
    }
}

/// <summary>One line for a database failure at start: which setting, what is wrong, and what to do.</summary>
internal static class DatabaseError
{
    public static string? Describe(Exception exception, StorageOptions storage)
    {
        for (var ex = exception; ex is not null; ex = ex is AggregateException { InnerExceptions.Count: > 0 } ae ? ae.InnerExceptions[0] : ex.InnerException)
        {
            var line = ex switch
            {
                PostgresException pg => Postgres(pg, Target.Of(storage)),
                NpgsqlException npgsql => Unreachable(npgsql, Target.Of(storage)),
                SqliteException sqlite => Sqlite(sqlite.Message, storage),

                // Hangfire's own file (hangfire.db) is opened through sqlite-net, which has its own exception.
                SQLite.SQLiteException hangfireFile => Sqlite(hangfireFile.Message, storage),
                UnauthorizedAccessException or IOException when storage.ParsedProvider == StorageProvider.Sqlite => Sqlite(ex.Message, storage),
                ArgumentException when UnreadableConnectionString(storage) is { } fault =>
                    $"Storage:ConnectionString cannot be read ({fault}): write it as Key=Value pairs separated by ';', e.g. Host=127.0.0.1;Database=alertbot;Username=alertbot;Password=…",
                _ => null,
            };
            if (line is not null)
            {
                return line;
            }
        }

        return null;
    }

    private static string Postgres(PostgresException pg, Target t) => pg.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            $"Storage:ConnectionString: PostgreSQL at {t.Server} refused user '{t.User}' ({pg.MessageText}): fix Username and Password in Storage:ConnectionString, or create the role (CREATE ROLE \"{t.User}\" LOGIN PASSWORD '…')",
        PostgresErrorCodes.InvalidCatalogName =>
            $"Storage:ConnectionString: database '{t.Database}' does not exist on {t.Server}: create it (CREATE DATABASE \"{t.Database}\" OWNER \"{t.User}\") or give '{t.User}' the CREATEDB right so the bot creates it",
        PostgresErrorCodes.InsufficientPrivilege when pg.MessageText.Contains("create database", StringComparison.OrdinalIgnoreCase) =>
            $"Storage:ConnectionString: database '{t.Database}' does not exist on {t.Server} and user '{t.User}' may not create it: create it as an administrator (CREATE DATABASE \"{t.Database}\" OWNER \"{t.User}\") or grant CREATEDB (ALTER ROLE \"{t.User}\" CREATEDB)",
        PostgresErrorCodes.InsufficientPrivilege =>
            $"Storage:ConnectionString: user '{t.User}' may not create the bot's tables in database '{t.Database}' on {t.Server} ({pg.MessageText}): make it the database's owner (ALTER DATABASE \"{t.Database}\" OWNER TO \"{t.User}\"), see README, PostgreSQL",
        PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown =>
            $"Storage:ConnectionString: PostgreSQL at {t.Server} does not accept connections now ({pg.MessageText}): wait until it is up or has free connections, then start the bot again",
        _ => $"Storage:ConnectionString: PostgreSQL at {t.Server}, database '{t.Database}', refused the bot ({pg.SqlState}: {pg.MessageText}): see README, PostgreSQL, for what the role needs",
    };

    private static string Unreachable(NpgsqlException npgsql, Target t)
    {
        var socket = Inner<SocketException>(npgsql);
        var reason = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "unknown host",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no answer",
            _ when Inner<TimeoutException>(npgsql) is not null => "no answer within the timeout",
            _ => npgsql.Message,
        };
        return $"Storage:ConnectionString: no PostgreSQL server answers at {t.Server} ({reason}): start PostgreSQL there, or fix Host and Port in Storage:ConnectionString";
    }

    private static string Sqlite(string message, StorageOptions storage)
    {
        var (key, where) = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? ("Storage:DataDirectory", Path.GetFullPath(storage.DataDirectory))
            : ("Storage:ConnectionString", new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource);
        return $"{key}: SQLite cannot create or write '{where}' ({message.ReplaceLineEndings(" ")}): make that directory writable by this user, or set {key} to one that is";
    }

    private static string? UnreadableConnectionString(StorageOptions storage)
    {
        try
        {
            _ = storage.ParsedProvider == StorageProvider.PostgreSql
                ? new NpgsqlConnectionStringBuilder(storage.ConnectionString).ConnectionString
                : new SqliteConnectionStringBuilder(storage.EffectiveConnectionString).ConnectionString;
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static T? Inner<T>(Exception ex)
        where T : Exception
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private sealed record Target(string Server, string Database, string User)
    {
        public static Target Of(StorageOptions storage)
        {
            try
            {
                var b = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
                return new Target($"{b.Host}:{b.Port}", b.Database ?? b.Username ?? "?", b.Username ?? "?");
            }
            catch (ArgumentException)
            {
                return new Target("?", "?", "?");
            }
        }
    }
}

/// <summary>Checks, before Kestrel binds, that the addresses of <c>--urls</c> are free, so a busy port is one line.</summary>
internal static class ListeningAddresses
{
    public static string? FindProblem(string? urls)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException ex)
            {
                return $"--urls / ASPNETCORE_URLS: '{url}' is not an address ({ex.Message}): use the form http://127.0.0.1:5080";
            }

            if (address.IsUnixPipe || address.Port == 0 || IpOf(address.Host) is not { } ip)
            {
                continue;
            }

            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

            // As Kestrel does: connections of an earlier run still in TIME_WAIT do not make the port busy.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                socket.Bind(new IPEndPoint(ip, address.Port));
                socket.Listen();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"--urls / ASPNETCORE_URLS: {url} is already in use by another program: stop it, or choose another port (e.g. --urls {address.Scheme}://{address.Host}:{(address.Port == 65535 ? 5080 : address.Port + 1)})";
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
            {
                return $"--urls / ASPNETCORE_URLS: this user may not listen on {url} (ports below 1024 need privileges): choose a port above 1023";
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
            {
                return $"--urls / ASPNETCORE_URLS: {url} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its own addresses";
            }
        }

        return null;
    }

    private static IPAddress? IpOf(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => ip,
        _ => null,
    };
}
