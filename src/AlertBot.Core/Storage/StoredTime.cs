using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AlertBot.Core.Storage;

/// <summary>A time as the database stores it, for SQL written by hand: UTC on PostgreSQL, the binary form EF Core's converter writes on SQLite.</summary>
public static class StoredTime
{
    private static readonly DateTimeOffsetToBinaryConverter Sqlite = new();

    public static object Of(AlertBotDb db, DateTimeOffset value) =>
        db.Database.IsNpgsql() ? value.ToUniversalTime() : Sqlite.ConvertToProvider(value)!;
}
