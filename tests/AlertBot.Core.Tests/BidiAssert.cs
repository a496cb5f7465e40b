using AlertBot.Core.Rendering;

namespace AlertBot.Core.Tests;

/// <summary>Checks on the direction of mixed Arabic/Latin text as a reader's screen would show it.</summary>
internal static class BidiAssert
{
    /// <summary>
    /// In every right-to-left line (those starting with RLM), every Latin letter and ASCII digit lies inside a
    /// LRI … PDI pair, the pairs are balanced and never nested, and no isolate holds an Arabic letter.
    /// </summary>
    public static void EveryLatinRunIsolated(string text)
    {
        var arabicLines = text.Split('\n').Where(l => l.StartsWith('\u200F')).ToList();
        Assert.NotEmpty(arabicLines);
        foreach (var line in arabicLines)
        {
            var inside = false;
            foreach (var c in line)
            {
                if (c == Bidi.Lri)
                {
                    Assert.False(inside, $"nested isolate in: {Show(line)}");
                    inside = true;
                }
                else if (c == Bidi.Pdi)
                {
                    Assert.True(inside, $"PDI without an isolate in: {Show(line)}");
                    inside = false;
                }
                else if (Bidi.IsLeftToRight(c) || char.IsAsciiDigit(c))
                {
                    Assert.True(inside, $"'{c}' outside an isolate in: {Show(line)}");
                }
                else if (Bidi.IsRightToLeft(c))
                {
                    Assert.False(inside, $"Arabic inside an isolate in: {Show(line)}");
                }
            }

            Assert.False(inside, $"isolate left open in: {Show(line)}");
        }
    }

    /// <summary>Telegram HTML as the reader sees it: without its tags, entities decoded.</summary>
    public static string VisibleHtml(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty));

    /// <summary>The line with its invisible controls spelled out, for a failure message.</summary>
    public static string Show(string line) =>
        line.Replace("\u2066", "⟨LRI⟩", StringComparison.Ordinal).Replace("\u2069", "⟨PDI⟩", StringComparison.Ordinal).Replace("\u200F", "⟨RLM⟩", StringComparison.Ordinal);
}
