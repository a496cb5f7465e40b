using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.Security;

namespace AlertBot.Hosting;

/// <summary>The command-line verbs of CONTRACTS.md. Everything after the verb is configuration (<c>--Section:Key=value</c>).</summary>
internal static partial class Verbs
{
    public const string Run = "run";
    public const string Migrate = "migrate";
    public const string HashPassword = "hash-password";
    public const string Extract = "extract";

    public static readonly IReadOnlyList<string> All = [Run, Migrate, HashPassword, Extract];

    /// <summary>
    /// Splits the verb (first argument when it is not an option) and its file operand (the first argument after it
    /// that is not an option, for verbs that read a file) from the configuration arguments.
    /// </summary>
    public static (string Verb, string? File, string[] ConfigurationArgs) Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return (Run, null, args);
        }

        var verb = args[0];
        var rest = args[1..].ToList();
        string? file = null;
        if (verb == Extract && rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            file = rest[0];
            rest.RemoveAt(0);
        }

        return (verb, file, rest.ToArray());
    }

    /// <summary>JSON Lines reports from FILE or stdin, one prediction a line on stdout (CONTRACTS.md).</summary>
    public static async Task<int> ExtractAsync(WebApplication app, string? file)
    {
        var extractor = app.Services.GetRequiredService<ReportExtractor>();
        if (file is not null && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"extract: no such file: {file}");
            return 2;
        }

        using var input = file is null ? Console.In : new StreamReader(file);
        var output = Console.Out;
        var code = await ExtractCommand.RunAsync(input, output, Console.Error, extractor, CancellationToken.None);
        await output.FlushAsync();
        return code;
    }

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
