using System.Globalization;
using System.Text;

namespace AlertBot.Feeds.Parsing;

/// <summary>
/// Folding used for comparisons (keywords, month names): compatibility decomposition, combining marks dropped
/// (Arabic harakat, hamza/madda above or below alef, Latin accents), alef wasla/maqsura/ta marbuta folded,
/// tatweel and zero-width characters removed, lower-cased invariantly and whitespace collapsed to single spaces.
/// Not for display.
/// </summary>
internal static class TextNormalizer
{
    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue; // harakat, shadda, hamza/madda marks, ZWJ/ZWNJ, bidi marks
            }

            if (c == '\u0640')
            {
                continue; // tatweel
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c switch
            {
                '\u0671' => '\u0627', // alef wasla -> alef
                '\u0649' => '\u064A', // alef maqsura -> ya
                '\u0629' => '\u0647', // ta marbuta -> ha
                _ => char.ToLowerInvariant(c),
            });
        }

        return sb.ToString();
    }
}
