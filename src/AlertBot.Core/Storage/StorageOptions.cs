namespace AlertBot.Core.Storage;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>; kept as text so a wrong value gets a message naming the key.</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    public StorageProvider ParsedProvider =>
        Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new InvalidOperationException($"Storage:Provider '{Provider}' is not valid.");

    /// <summary>The connection string in use: the configured one, or for SQLite a file in the data directory.</summary>
    public string EffectiveConnectionString => ParsedProvider switch
    {
        StorageProvider.Sqlite when string.IsNullOrWhiteSpace(ConnectionString) =>
            $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "alertbot.db")}",
        _ => ConnectionString!,
    };
}
