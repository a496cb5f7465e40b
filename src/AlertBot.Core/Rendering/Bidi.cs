using System.Text;

namespace AlertBot.Core.Rendering;

/// <summary>
/// Unicode bidirectional isolates for mixed Arabic/Latin text. Inside a right-to-left line, a run of Latin letters,
/// digits and the neutrals between them ("/quiet 23:00-07:00 hold", "Asia/Damascus", "2026-11-23 13:00") is wrapped
/// in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE, so that it reads left to right as a unit and its neutrals
/// (the slash of a command, the spaces between a word and a number) cannot be pulled into the Arabic order.
/// </summary>
public static class Bidi
{
    /// <summary>LEFT-TO-RIGHT ISOLATE (U+2066).</summary>
    public const char Lri = '\u2066';

    /// <summary>RIGHT-TO-LEFT ISOLATE (U+2067).</summary>
    public const char Rli = '\u2067';

    /// <summary>FIRST STRONG ISOLATE (U+2068): the direction of the isolated text is that of its first strong letter.</summary>
    public const char Fsi = '\u2068';

    /// <summary>POP DIRECTIONAL ISOLATE (U+2069).</summary>
    public const char Pdi = '\u2069';

    /// <summary>
    /// Text of unknown direction (a name a user typed, an outlet's name) as one isolated unit: FSI … PDI, with the
    /// direction controls it carried removed.
    /// </summary>
    public static string Isolate(string text) => text.Length == 0 ? text : $"{Fsi}{WithoutDirectionControls(text)}{Pdi}";

    /// <summary>
    /// A right-to-left line with every left-to-right run isolated (LRI … PDI). A run starts at a Latin letter or an ASCII
    /// digit (or the slash, at sign or hash right before one, as in a command) and ends at the last Latin letter or
    /// digit before the next Arabic letter. Direction controls already in the line are removed first, so the result is
    /// the same however often it is applied.
    /// </summary>
    public static string IsolateLatinRuns(string rightToLeftLine)
    {
        var line = WithoutDirectionControls(rightToLeftLine);
        var sb = new StringBuilder(line.Length + 8);
        var i = 0;
        while (i < line.Length)
        {
            var start = RunStart(line, i);
            if (start < 0)
            {
                sb.Append(line, i, line.Length - i);
                break;
            }

            // The run goes on through neutrals as long as another Latin letter or digit comes before an Arabic letter.
            var end = start;
            var lastStrong = start;
            while (end < line.Length && !IsRightToLeft(line[end]))
            {
                if (IsLeftToRight(line[end]) || char.IsAsciiDigit(line[end]))
                {
                    lastStrong = end;
                }

                end++;
            }

            sb.Append(line, i, start - i).Append(Lri).Append(line, start, lastStrong - start + 1).Append(Pdi);
            i = lastStrong + 1;
        }

        return sb.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds an Arabic (or other right-to-left) letter.</summary>
    public static bool HasRightToLeft(string text)
    {
        foreach (var c in text)
        {
            if (IsRightToLeft(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Removes the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): one of them
    /// could otherwise reverse the rest of a line ("evil.exe" shown as "exe.live"). Plain right-to-left and
    /// left-to-right marks stay; they change no other text.
    /// </summary>
    public static string WithoutDirectionControls(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange(Lri, Pdi) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsDirectionControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static bool IsDirectionControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= Lri and <= Pdi);

    /// <summary>Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).</summary>
    public static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF')
        && (char.IsLetter(c) || c is '؟' or '؛' or '،' or 'ـ');

    /// <summary>Letters of left-to-right scripts (Latin, Greek, Cyrillic and the rest outside the right-to-left blocks).</summary>
    public static bool IsLeftToRight(char c) =>
        char.IsLetter(c) && !IsRightToLeft(c) && !(c is >= '\u0590' and <= '\u08FF');

    private static int RunStart(string line, int from)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (IsLeftToRight(line[i]) || char.IsAsciiDigit(line[i]))
            {
                // "/subscribe", "@name", "#tag": the sign belongs to the word it introduces.
                return i > from && line[i - 1] is '/' or '@' or '#' && (i - 1 == 0 || !IsLeftToRight(line[i - 2])) ? i - 1 : i;
            }
        }

        return -1;
    }
}
