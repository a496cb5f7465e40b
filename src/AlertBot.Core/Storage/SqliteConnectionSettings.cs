using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AlertBot.Core.Storage;

/// <summary>
/// Per-connection SQLite settings. In WAL mode <c>synchronous=NORMAL</c> syncs at checkpoints instead of at every
/// commit: a crashed or killed process loses nothing committed, and a power cut can at most roll back the last
/// commits, never corrupt the file. With FULL every commit waits for the disk (about 10 ms here), which capped
/// delivery at a few dozen messages a second.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
