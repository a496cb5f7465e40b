using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Storage;
using AlertBot.Feeds;

namespace AlertBot.Hosting;

/// <summary>
/// The <c>import</c> verb for a feed file (RSS 2.0, Atom 1.0, JSON Feed): every item becomes a report filed under the
/// feed's title (else <c>import:&lt;file name&gt;</c>), as if the feed had been polled. Reports are de-duplicated as
/// always, so importing the same file again stores nothing new.
/// </summary>
internal static class FeedImport
{
    /// <summary>
    /// The parsed feed when FILE is one: XML is always read as a feed (a malformed one throws <see cref="FeedFormatException"/>);
    /// a file starting with <c>{</c> is a feed only if it is a JSON Feed document, otherwise JSON Lines (null).
    /// </summary>
    public static async Task<FeedDocument?> TryReadAsync(string file, DateTimeOffset now, CancellationToken ct)
    {
        switch (await FirstCharacterAsync(file, ct))
        {
            case '<':
                return await FeedParser.ParseFileAsync(file, null, now, ct);
            case '{':
                try
                {
                    return await FeedParser.ParseFileAsync(file, null, now, ct);
                }
                catch (FeedFormatException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    public static async Task<int> ImportAsync(WebApplication app, string file, FeedDocument feed, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await app.Services.GetRequiredService<AlertBotDbFactory>().MigrateAsync(ct);
        var source = string.IsNullOrWhiteSpace(feed.Title) ? "import:" + Path.GetFileName(file) : feed.Title.Trim();
        if (source.Length > ReportIngestor.MaxSourceLength)
        {
            source = source[..ReportIngestor.MaxSourceLength];
        }

        int stored = 0, duplicates = 0, relevant = 0, refused = 0, number = 0;
        var events = new HashSet<long>();
        foreach (var item in feed.Items)
        {
            number++;
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ReportIngestor>().IngestAsync(
                    new ReportSubmission(
                        source,
                        item.Link?.AbsoluteUri,
                        item.Title,
                        string.IsNullOrWhiteSpace(item.Text) ? item.Title : item.Text,
                        FeedSourceRules.ReportLanguage(item.Language),
                        item.DateWasMissing ? null : item.PublishedAt,
                        "import"),
                    ct);
                if (result.Duplicate)
                {
                    duplicates++;
                    continue;
                }

                stored++;
                if (result.EventId is { } id)
                {
                    relevant++;
                    events.Add(id);
                }
            }
            catch (ReportRejectedException ex)
            {
                refused++;
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"import: item {number} ({item.Key}) refused: {ex.Message}"));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"import: {stored} report(s) stored ({relevant} relevant, in {events.Count} event(s)), {duplicates} duplicate(s) skipped, {refused} item(s) refused"));
        return 0;
    }

    /// <summary>The first character that is not a byte-order mark or white space, or null for an empty file.</summary>
    private static async Task<char?> FirstCharacterAsync(string file, CancellationToken ct)
    {
        var buffer = new byte[4096];
        await using var stream = File.OpenRead(file);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        foreach (var b in buffer.AsSpan(0, read))
        {
            if (b is (byte)'<' or (byte)'{')
            {
                return (char)b;
            }

            // Skip white space and the UTF-8 byte-order mark; anything else is neither XML nor JSON.
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return (char)b;
            }
        }

        return null;
    }
}
