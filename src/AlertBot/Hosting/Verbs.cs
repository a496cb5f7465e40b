using AlertBot.Core.Storage;
using AlertBot.Security;

namespace AlertBot.Hosting;

/// <summary>The command-line verbs of CONTRACTS.md. Everything after the verb is configuration (<c>--Section:Key=value</c>).</summary>
internal static partial class Verbs
{
    public const string Run = "run";
    public const string Migrate = "migrate";
    public const string HashPassword = "hash-password";

    public static readonly IReadOnlyList<string> All = [Run, Migrate, HashPassword];

    /// <summary>Splits the verb (first argument when it is not an option) from the configuration arguments.</summary>
    public static (string Verb, string[] ConfigurationArgs) Parse(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') ? (args[0], args[1..]) : (Run, args);

    public static async Task<int> MigrateAsync(WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<AlertBotDbFactory>().MigrateAsync(CancellationToken.None);
        LogMigrated(app.Logger, applied);
        return 0;
    }

    /// <summary>Reads a password from stdin (one line) and prints its hash for <c>Console:Users:&lt;login&gt;:PasswordHash</c>.</summary>
    public static int PrintPasswordHash(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("hash-password: give the password on standard input, e.g. `read -rs P && echo \"$P\" | AlertBot hash-password`");
            return 2;
        }

        output.WriteLine(PasswordHashes.Hash(password));
        return 0;
    }

    [LoggerMessage(LogLevel.Information, "migrate: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, int applied);
}
