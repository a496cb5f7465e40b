using AlertBot.Extraction;

namespace AlertBot.Extraction.Tests;

/// <summary>One gazetteer and extractor for all tests (both are immutable and thread-safe).</summary>
internal static class Shared
{
    private static readonly Lazy<Gazetteer> LazyGazetteer = new(() => Gazetteer.LoadDefault());
    private static readonly Lazy<ReportExtractor> LazyExtractor = new(() => new ReportExtractor(LazyGazetteer.Value));

    public static Gazetteer Gaz => LazyGazetteer.Value;

    public static ReportExtractor Extractor => LazyExtractor.Value;

    public static readonly DateTimeOffset Published = new(2024, 7, 28, 10, 0, 0, TimeSpan.Zero); // a Sunday

    public static Extraction Ar(string text, string? title = null) => Extractor.Extract(new ReportText(title, text, "ar", Published));

    public static Extraction En(string text, string? title = null) => Extractor.Extract(new ReportText(title, text, "en", Published));

    public static string SpanText(this ReportText report, TextSpan span) =>
        (span.Part == TextPart.Title ? report.Title! : report.Text).Substring(span.Start, span.Length);
}
