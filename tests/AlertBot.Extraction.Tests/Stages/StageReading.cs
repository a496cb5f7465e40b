using AlertBot.Extraction.Stages;

namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Runs the reading stages over a text and answers questions about one stage's part of the result.</summary>
internal static class StageReading
{
    public static ReportReading Ar(string text, string? title = null) =>
        Shared.Extractor.Read(new ReportText(title, text, "ar", Shared.Published));

    public static ReportReading En(string text, string? title = null) =>
        Shared.Extractor.Read(new ReportText(title, text, "en", Shared.Published));

    /// <summary>The original text of the tokens [from, to) of the body.</summary>
    public static string TextOf(this ReportReading r, int from, int to)
    {
        var a = r.Tokens[from];
        var b = r.Tokens[to - 1];
        return r.Report.Text.Substring(a.OrigStart, b.OrigStart + b.OrigLength - a.OrigStart);
    }

    /// <summary>The foreground text of sentence s (up to its background start), or "" when it is all background.</summary>
    public static string Foreground(this ReportReading r, int s)
    {
        var start = r.SentStart(s);
        var end = Math.Min(r.SentEnd(s), r.BackgroundFrom[s]);
        return end <= start ? string.Empty : r.TextOf(start, end);
    }

    public static string[] PlaceIds(this ReportReading r) => r.PlaceOrder.Select(p => r.Lexicon.Places[p].Id).ToArray();

    public static string[] ActorIds(this ReportReading r) => r.ActorOrder.Select(a => r.Lexicon.Actors[a].Id).ToArray();

    public static string[] MarkedTypes(this ReportReading r) => r.Marks.Select(m => EventTypes.All[m.Type].Id).Distinct().ToArray();
}
