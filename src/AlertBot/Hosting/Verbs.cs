using System.Globalization;
using System.Text.Json;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.Feeds;
using AlertBot.Security;

namespace AlertBot.Hosting;

/// <summary>The command-line verbs of CONTRACTS.md. Everything after the verb is configuration (<c>--Section:Key=value</c>).</summary>
internal static partial class Verbs
{
    public const string Run = "run";
    public const string Migrate = "migrate";
    public const string HashPassword = "hash-password";
    public const string Extract = "extract";
    public const string Import = "import";
    public const string Probe = "probe";

    /// <summary>What <see cref="Probe"/> asks when given no address: the default listening address's readiness.</summary>
    public const string DefaultProbeUrl = HostingSetup.DefaultUrl + "/ready";

    public static readonly IReadOnlyList<string> All = [Run, Migrate, HashPassword, Extract, Import, Probe];

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
        if (verb is Extract or Import or Probe && rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
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

    /// <summary>The migrations were applied before the verb ran (<see cref="DatabaseStartup"/>): says how many.</summary>
    public static int Migrated(WebApplication app)
    {
        LogMigrated(app.Logger, app.Services.GetRequiredService<DatabaseStartup>().Applied ?? 0);
        return 0;
    }

    /// <summary>Reads a password from stdin (one line) and prints its hash for <c>Console:Users:&lt;login&gt;:PasswordHash</c>; refuses one shorter than 12 characters.</summary>
    public static int PrintPasswordHash(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("hash-password: give the password on standard input, e.g. `read -rs P && echo \"$P\" | AlertBot hash-password`");
            return 2;
        }

        if (PasswordHashes.Length(password) < PasswordHashes.MinimumLength)
        {
            error.WriteLine($"hash-password: the password is too short: use at least {PasswordHashes.MinimumLength} characters (a few unrelated words are easy to remember)");
            return 2;
        }

        output.WriteLine(PasswordHashes.Hash(password));
        return 0;
    }

    /// <summary>
    /// The container's health check (the runtime image has no curl): GET <paramref name="url"/> (default
    /// <see cref="DefaultProbeUrl"/>); exit 0 on a 2xx answer, else 1 with one line on stderr saying what came back.
    /// </summary>
    public static async Task<int> ProbeAsync(string? url, TextWriter error, CancellationToken ct)
    {
        if (!Uri.TryCreate(url ?? DefaultProbeUrl, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"probe: '{url}' is not an http(s) address, e.g. {DefaultProbeUrl}");
            return 2;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            using var response = await client.GetAsync(address, ct);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync($"probe: {address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"probe: {address} did not answer ({ex.Message})");
            return 1;
        }
    }

    /// <summary>
    /// Ingests a file of reports as if they had arrived from a source: a feed (RSS 2.0, Atom 1.0 or JSON Feed, detected
    /// by <see cref="FeedParser"/>), else JSON Lines. Migrates, then stores, extracts and clusters each report. Prints one
    /// summary line to stdout; a line or item that cannot be read or is refused is reported on stderr and skipped.
    /// Exit 0 when the file was read (even with refused lines), 1 when it cannot be.
    /// </summary>
    public static async Task<int> ImportAsync(WebApplication app, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"import: file not found: {file}");
            return 1;
        }

        await app.Services.GetRequiredService<AlertBotDbFactory>().MigrateAsync(ct);
        var fallbackSource = "import:" + Path.GetFileName(file);
        int stored = 0, duplicates = 0, relevant = 0, refused = 0;
        var events = new HashSet<long>();

        async Task IngestAsync(string where, Func<ReportSubmission> read)
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ReportIngestor>().IngestAsync(read(), ct);
                if (result.Duplicate)
                {
                    duplicates++;
                    return;
                }

                stored++;
                if (result.EventId is { } id)
                {
                    relevant++;
                    events.Add(id);
                }
            }
            catch (Exception ex) when (ex is JsonException or ReportRejectedException or FormatException)
            {
                refused++;
                await error.WriteLineAsync($"import: {where} refused: {ex.Message}");
            }
        }

        var feed = await TryReadFeedAsync(file, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), error, ct);
        if (feed is { Document: null })
        {
            return 1;
        }

        if (feed?.Document is { } document)
        {
            var source = string.IsNullOrWhiteSpace(document.Title) ? fallbackSource : document.Title.Trim();
            var number = 0;
            foreach (var item in document.Items)
            {
                number++;
                await IngestAsync(string.Create(CultureInfo.InvariantCulture, $"item {number}"), () => new ReportSubmission(
                    source,
                    item.Link is { Scheme: "http" or "https" } link ? link.AbsoluteUri : null,
                    item.Title,
                    string.IsNullOrWhiteSpace(item.Text) ? item.Title : item.Text,
                    item.Language?.Trim().ToLowerInvariant() switch { ['a', 'r', ..] => "ar", ['e', 'n', ..] => "en", _ => null },
                    item.DateWasMissing ? null : item.PublishedAt,
                    "import"));
            }
        }
        else
        {
            using var reader = new StreamReader(file);
            var number = 0;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    await IngestAsync(string.Create(CultureInfo.InvariantCulture, $"line {number}"), () =>
                    {
                        var report = JsonSerializer.Deserialize<ReportLine>(line, ReportsSetup.LineJson) ?? throw new ReportRejectedException("the line is null");
                        return new ReportSubmission(report.Source ?? report.Outlet ?? fallbackSource, report.Url, report.Title, report.Text, report.Language, ParseDate(report.Date), "import");
                    });
                }
            }
        }

        var format = feed?.Document is { } d ? d.Format.ToString() : "JSON Lines";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"import ({format}): {stored} report(s) stored ({relevant} relevant, in {events.Count} event(s)), {duplicates} duplicate(s) skipped, {refused} refused"));
        return 0;
    }

    /// <summary>
    /// A feed when the file is one: XML (it starts with <c>&lt;</c>) must be a feed, and a JSON document may be a JSON
    /// Feed; anything else is JSON Lines (null). A file that looks like XML but is no readable feed gives a null document.
    /// </summary>
    private static async Task<(FeedDocument? Document, bool)?> TryReadFeedAsync(string file, DateTimeOffset now, TextWriter error, CancellationToken ct)
    {
        using (var reader = new StreamReader(file))
        {
            var buffer = new char[512];
            var read = await reader.ReadBlockAsync(buffer, ct);
            var start = new string(buffer, 0, read).TrimStart().TrimStart('\uFEFF');
            var first = start.Length == 0 ? '\0' : start[0];
            if (first is not ('<' or '{'))
            {
                return null;
            }

            try
            {
                return (await FeedParser.ParseFileAsync(file, null, now, ct), true);
            }
            catch (FeedFormatException) when (first == '{')
            {
                // Not a JSON Feed: JSON Lines.
                return null;
            }
            catch (FeedFormatException ex)
            {
                await error.WriteLineAsync($"import: {file} is neither a feed nor JSON Lines: {ex.Message}");
                return (null, false);
            }
        }
    }

    /// <summary>A date (<c>2026-11-20</c>, taken as midnight in Syria) or a date and time with an offset; null when absent.</summary>
    private static DateTimeOffset? ParseDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return null;
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(3));
        }

        return DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"date '{date}' is neither yyyy-MM-dd nor an ISO 8601 date and time");
    }

    [LoggerMessage(LogLevel.Information, "migrate: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, int applied);
}
