using System.Text.Json;
using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

public class ExtractCommandTests
{
    private static async Task<(int Code, string[] Output, string[] Errors)> Run(string input)
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ExtractCommand.RunAsync(reader, output, errors, Gaz, CancellationToken.None);
        return (code, Lines(output), Lines(errors));
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Writes_one_prediction_per_line_in_the_evaluation_format()
    {
        var line = JsonSerializer.Serialize(new
        {
            id = "X1",
            title = "صواريخ على كونيكو",
            text = "أطلقت ميليشيات موالية لإيران أكثر من 10 صواريخ على القاعدة الأمريكية في حقل كونيكو ليل الجمعة / السبت.",
            language = "ar",
            date = "2024-07-28",
            url = "https://example.invalid/ignored",
            outlet = "ignored",
        });
        var (code, output, errors) = await Run(line + "\n");
        Assert.Equal(0, code);
        Assert.Empty(errors);
        var doc = JsonDocument.Parse(Assert.Single(output)).RootElement;
        Assert.Equal(["id", "relevant", "event_types", "place_ids", "actors", "counts"], doc.EnumerateObject().Select(p => p.Name));
        Assert.Equal("X1", doc.GetProperty("id").GetString());
        Assert.True(doc.GetProperty("relevant").GetBoolean());
        Assert.Equal(["rocket_attack"], doc.GetProperty("event_types").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["ES025"], doc.GetProperty("place_ids").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains("iran_backed_militias", doc.GetProperty("actors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(10, doc.GetProperty("counts").GetProperty("rockets").GetInt32());
    }

    [Fact]
    public async Task Malformed_lines_are_reported_and_processing_continues()
    {
        var good = JsonSerializer.Serialize(new { id = "G", text = "Warplanes struck militia depots near Albu Kamal." });
        var input = string.Join('\n', "{not json", "[1,2]", "{\"text\":\"no id\"}", "{\"id\":\"N\"}", good, "");
        var (code, output, errors) = await Run(input);
        Assert.Equal(0, code);
        Assert.Equal(4, errors.Length);
        Assert.StartsWith("line 1:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", errors[3], StringComparison.Ordinal);
        var doc = JsonDocument.Parse(Assert.Single(output)).RootElement;
        Assert.Equal("G", doc.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_report_whose_extraction_throws_is_reported_by_id_and_the_run_continues()
    {
        // The real extractor reads every report but the one whose extraction fails (here: "BAD", made to throw).
        var first = JsonSerializer.Serialize(new { id = "A", text = "Warplanes struck militia depots near Albu Kamal." });
        var bad = JsonSerializer.Serialize(new { id = "BAD", text = "Warplanes struck militia depots near Mayadin." });
        var last = JsonSerializer.Serialize(new { id = "Z", text = "قصفت طائرات مجهولة مواقع في مدينة البوكمال." });
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ExtractCommand.RunAsync(new StringReader(string.Join('\n', first, bad, last)), output, errors,
            report => report.Text.Contains("Mayadin", StringComparison.Ordinal)
                ? throw new InvalidOperationException("index out of range\nin a rule")
                : Extractor.Extract(report),
            CancellationToken.None);

        Assert.Equal(0, code);
        var error = Assert.Single(Lines(errors));
        Assert.Equal("line 2: report BAD: extraction failed (InvalidOperationException: index out of range in a rule), no prediction written", error);
        var ids = Lines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["A", "Z"], ids);
        Assert.True(JsonDocument.Parse(Lines(output)[1]).RootElement.GetProperty("relevant").GetBoolean());
    }

    [Fact]
    public async Task Numeric_id_null_title_and_missing_date_are_accepted()
    {
        var (_, output, errors) = await Run("{\"id\": 42, \"title\": null, \"text\": \"حلقت طائرات في أجواء البوكمال\", \"date\": null}\n");
        Assert.Empty(errors);
        var doc = JsonDocument.Parse(Assert.Single(output)).RootElement;
        Assert.Equal("42", doc.GetProperty("id").GetString());
        Assert.False(doc.GetProperty("relevant").GetBoolean());
        Assert.Empty(doc.GetProperty("event_types").EnumerateArray());
        Assert.Empty(doc.GetProperty("counts").EnumerateObject());
    }

    [Fact]
    public async Task Over_long_report_is_answered_irrelevant_with_an_error_line()
    {
        var line = JsonSerializer.Serialize(new { id = "BIG", text = new string('x', 300_000) });
        var (_, output, errors) = await Run(line);
        Assert.Contains("text too long", Assert.Single(errors), StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(Assert.Single(output)).RootElement.GetProperty("relevant").GetBoolean());
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ExtractCommand.RunAsync(new StringReader("{\"id\":\"a\",\"text\":\"x\"}"), TextWriter.Null, TextWriter.Null, Gaz, cts.Token));
    }

    [Theory]
    [InlineData("2024-07-28", 2024, 7, 28)]
    [InlineData("2020-05", 2020, 5, 1)]
    [InlineData("2023-10-03T08:00:00Z", 2023, 10, 3)]
    public void Publication_dates_are_parsed_invariantly(string text, int y, int m, int d)
    {
        var parsed = ExtractCommand.ParseDate(text);
        Assert.Equal(new DateTime(y, m, d), parsed!.Value.UtcDateTime.Date);
    }
}
