using AlertBot.Core.Storage;
using Npgsql;

namespace AlertBot.Core.Delivery;

/// <summary>
/// One dispatcher at a time sends for a deployment, so that one process sees every send and keeps the platforms' rate
/// limits. On PostgreSQL the leader holds a session advisory lock; when its process or connection dies the lock is
/// released and a standby takes over. A SQLite database has one process, which always leads.
/// </summary>
public sealed class DispatchLeadership(AlertBotDbFactory dbFactory, TimeProvider time)
{
    /// <summary>The advisory lock key ("AlertBot dispatch").</summary>
    public const long LockKey = 0x416C_6572_7444_7370;

    public static readonly TimeSpan StandbyPoll = TimeSpan.FromSeconds(2);

    /// <summary>Waits until this process leads; dispose the result to step down.</summary>
    public Task<Lease> AcquireAsync(CancellationToken ct) => AcquireAsync(LockKey, ct);

    /// <summary>
    /// The same election for another single-runner job (a platform's poller: Telegram answers 409 to a second one):
    /// waits until this process holds <paramref name="lockKey"/>.
    /// </summary>
    public async Task<Lease> AcquireAsync(long lockKey, CancellationToken ct)
    {
        if (dbFactory.Provider != StorageProvider.PostgreSql)
        {
            return new Lease(null);
        }

        while (true)
        {
            // Unpooled: a pooled connection would keep its session, and the lock, after being "closed".
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(dbFactory.ConnectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", lockKey);
                if (await command.ExecuteScalarAsync(ct) is true)
                {
                    return new Lease(connection);
                }
            }
            catch (NpgsqlException)
            {
                // The database is away: try again after the standby poll.
            }

            await connection.DisposeAsync();
            await Task.Delay(StandbyPoll, time, ct);
        }
    }

    public sealed class Lease(NpgsqlConnection? connection) : IAsyncDisposable
    {
        /// <summary>True while the lock's connection is alive (a lost connection means the lock is gone too).</summary>
        public async Task<bool> IsHeldAsync(CancellationToken ct)
        {
            if (connection is null)
            {
                return true;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync(); // closing the session releases the advisory lock
            }
        }
    }
}
