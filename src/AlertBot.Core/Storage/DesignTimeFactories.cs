using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AlertBot.Core.Storage;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAlertBotDb>
{
    public SqliteAlertBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAlertBotDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAlertBotDb>
{
    public PostgresAlertBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAlertBotDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
