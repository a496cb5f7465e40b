using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AlertBot.Extraction;

/// <summary>
/// The <c>extract</c> verb: JSON Lines in (<c>id</c>, <c>title</c>, <c>text</c>, optional <c>language</c> and <c>date</c>;
/// other fields ignored), one prediction per line out, in the evaluation format
/// <c>{"id","relevant","event_types","place_ids","actors","counts"}</c>.
/// </summary>
public static class ExtractCommand
{
    /// <summary>Longest input line accepted (characters); longer lines are reported and skipped.</summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    private static readonly string[] CountKeys = ["rockets", "drones", "strikes", "killed", "wounded"];

    /// <summary>
    /// Reads every line of <paramref name="input"/>, writes predictions to <paramref name="output"/> and one message
    /// per malformed line, and per report whose extraction failed, to <paramref name="errors"/> (processing continues).
    /// Returns the exit code (0).
    /// </summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter errors, Gazetteer gazetteer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var extractor = new ReportExtractor(gazetteer);
        return await RunAsync(input, output, errors, extractor, ct).ConfigureAwait(false);
    }

    /// <summary>As above, with an already built extractor.</summary>
    public static Task<int> RunAsync(TextReader input, TextWriter output, TextWriter errors, ReportExtractor extractor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return RunAsync(input, output, errors, extractor.Extract, ct);
    }

    /// <summary>
    /// The verb over any extraction function. A report whose extraction throws is not fatal: one line on
    /// <paramref name="errors"/> names its line, its id and the exception; no prediction is written for it (a missing
    /// prediction, not an invented "irrelevant"), and the next line is read.
    /// </summary>
    internal static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter errors, Func<ReportText, Extraction> extract, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(extract);
        var lineNumber = 0;
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Length > MaxLineLength)
            {
                await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: longer than {MaxLineLength} characters, skipped")).ConfigureAwait(false);
                continue;
            }

            if (!TryParse(line, out var id, out var report, out var error))
            {
                await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {error}")).ConfigureAwait(false);
                continue;
            }

            Extraction extraction;
            try
            {
                extraction = extract(report);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One report's failure must not end a batch: reported with its id, no prediction, next line.
                var what = (ex.GetType().Name + ": " + ex.Message).ReplaceLineEndings(" ");
                await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: report {id}: extraction failed ({what}), no prediction written")).ConfigureAwait(false);
                continue;
            }

            if (IrrelevantReasons.IsTooLong(extraction.IrrelevantReason))
                await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {extraction.IrrelevantReason}")).ConfigureAwait(false);
            buffer.ResetWrittenCount();
            WritePrediction(buffer, id, extraction);
            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Parses one input line. The id may be a string or a number.</summary>
    internal static bool TryParse(string line, out string id, out ReportText report, out string error)
    {
        id = string.Empty;
        report = new ReportText(null, string.Empty, null, null);
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            if (!root.TryGetProperty("id", out var idEl) || idEl.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                error = "missing \"id\" (string or number)";
                return false;
            }

            id = idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : idEl.GetRawText();
            var text = StringOrNull(root, "text");
            var title = StringOrNull(root, "title");
            if (text is null && title is null)
            {
                error = "missing \"text\"";
                return false;
            }

            var language = StringOrNull(root, "language");
            DateTimeOffset? published = null;
            if (StringOrNull(root, "date") is { } date)
            {
                published = ParseDate(date);
            }

            report = new ReportText(title, text ?? string.Empty, language, published);
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.String ? el.GetString() : null;

    /// <summary>Accepts ISO dates and date-times, and a bare year-month (taken as the first of the month).</summary>
    internal static DateTimeOffset? ParseDate(string s)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy/MM/dd", "yyyy.MM.dd"];
        if (DateTime.TryParseExact(s.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            return new DateTimeOffset(d, TimeSpan.Zero);
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)) return dto;
        return null;
    }

    /// <summary>Writes one prediction object (no trailing newline).</summary>
    internal static void WritePrediction(IBufferWriter<byte> buffer, string id, Extraction e)
    {
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteBoolean("relevant", e.Relevant);
        w.WriteStartArray("event_types");
        foreach (var t in e.EventTypes) w.WriteStringValue(t.Type.Id);
        w.WriteEndArray();
        w.WriteStartArray("place_ids");
        foreach (var p in e.Places) w.WriteStringValue(p.Place.Id);
        w.WriteEndArray();
        w.WriteStartArray("actors");
        foreach (var a in e.Actors) w.WriteStringValue(a.Actor.Id);
        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (var key in CountKeys)
        {
            if (e.Count(key) is { } v) w.WriteNumber(key, v);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
    }
}
