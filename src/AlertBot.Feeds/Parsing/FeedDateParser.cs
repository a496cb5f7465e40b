using System.Globalization;
using System.Text;

namespace AlertBot.Feeds.Parsing;

/// <summary>
/// Lenient date parsing for feeds: RFC 3339 / ISO 8601, RFC 822/1123 (with the common deviations: no weekday,
/// two-digit years, missing seconds, named zones) and Arabic dates with Levantine, Egyptian or Maghrebi month
/// names and Arabic-Indic digits. A date without an offset is taken as UTC.
/// </summary>
public static class FeedDateParser
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = TimeSpan.Zero,
        ["UT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["CET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["BST"] = TimeSpan.FromHours(1),
    };

    private static readonly HashSet<string> AmTokens = new(StringComparer.Ordinal) { "am", "a.m.", "ص", "صباحا" };
    private static readonly HashSet<string> PmTokens = new(StringComparer.Ordinal) { "pm", "p.m.", "م", "مساء", "ظهرا" };

    /// <summary>Parses a feed date; false when the text is empty or not a recognisable date.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = NormalizeDigits(text.Trim());
        if (s.Length >= 10 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s[7] == '-')
        {
            return DateTimeOffset.TryParse(
                s,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out value);
        }

        return TryParseTokens(s, out value);
    }

    private static bool TryParseTokens(string s, out DateTimeOffset value)
    {
        value = default;
        int? day = null, month = null, year = null;
        int hour = 0, minute = 0, second = 0;
        var sawTime = false;
        bool? pm = null;
        TimeSpan offset = TimeSpan.Zero;

        var folded = TextNormalizer.Fold(s);
        foreach (var (multiWord, joined) in MultiWordMonths)
        {
            folded = folded.Replace(multiWord, joined, StringComparison.Ordinal);
        }

        var tokens = folded.Split([' ', ',', '،', '(', ')', '|', '؛', ';'], StringSplitOptions.RemoveEmptyEntries);
        var previousWasTime = false;
        foreach (var raw in tokens)
        {
            var token = raw.TrimEnd('.');
            var wasTime = previousWasTime;
            previousWasTime = false;
            if (token.Length == 0)
            {
                continue;
            }

            if (Months.TryGetValue(token, out var m))
            {
                if (month is not null && month != m)
                {
                    return false;
                }

                month = m;
                continue;
            }

            if (token.Contains(':', StringComparison.Ordinal) && char.IsAsciiDigit(token[0]))
            {
                if (!TryParseTime(token, out hour, out minute, out second, out var trailingOffset))
                {
                    return false;
                }

                if (trailingOffset is { } o)
                {
                    offset = o;
                }

                sawTime = true;
                previousWasTime = true;
                continue;
            }

            if (token[0] is '+' or '-' && token.Length > 1 && char.IsAsciiDigit(token[1]))
            {
                if (!TryParseOffset(token, out offset))
                {
                    return false;
                }

                continue;
            }

            if (Zones.TryGetValue(token, out var zone))
            {
                offset = zone;
                continue;
            }

            if ((token.StartsWith("gmt", StringComparison.Ordinal) || token.StartsWith("utc", StringComparison.Ordinal))
                && token.Length > 3 && token[3] is '+' or '-')
            {
                if (!TryParseOffset(token[3..], out offset))
                {
                    return false;
                }

                continue;
            }

            if (wasTime && AmTokens.Contains(token))
            {
                pm = false;
                continue;
            }

            if (wasTime && PmTokens.Contains(token))
            {
                pm = true;
                continue;
            }

            var digits = 0;
            while (digits < token.Length && char.IsAsciiDigit(token[digits]))
            {
                digits++;
            }

            if (digits > 0)
            {
                // "2024م" (AD marker) is a year; any other trailing text after digits is not a date part we know.
                var rest = token[digits..];
                if (rest.Length > 0 && rest is not ("م" or "st" or "nd" or "rd" or "th"))
                {
                    return false;
                }

                var number = int.Parse(token.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);
                if (digits >= 3 || (day is not null && month is not null && year is null))
                {
                    if (year is not null)
                    {
                        return false;
                    }

                    year = digits == 2 ? (number < 50 ? 2000 + number : 1900 + number) : number;
                }
                else if (day is null)
                {
                    day = number;
                }
                else
                {
                    return false;
                }

                continue;
            }

            // Weekday names, "at", "الساعة" and other words carry no date information.
        }

        if (day is not { } d || month is not { } mo || year is not { } y)
        {
            return false;
        }

        if (pm is { } isPm)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = (hour % 12) + (isPm ? 12 : 0);
        }

        if (y is < 1900 or > 9998 || d < 1 || d > DateTime.DaysInMonth(y, mo)
            || hour > 23 || minute > 59 || second > 60 || (!sawTime && (hour | minute | second) != 0))
        {
            return false;
        }

        if (second == 60)
        {
            second = 59; // leap second
        }

        value = new DateTimeOffset(y, mo, d, hour, minute, second, offset);
        return true;
    }

    private static bool TryParseTime(string token, out int hour, out int minute, out int second, out TimeSpan? offset)
    {
        hour = minute = second = 0;
        offset = null;
        var zoneStart = token.AsSpan().IndexOfAny('+', '-');
        var timePart = zoneStart > 0 ? token[..zoneStart] : token;
        if (zoneStart > 0)
        {
            if (!TryParseOffset(token[zoneStart..], out var o))
            {
                return false;
            }

            offset = o;
        }

        if (timePart.EndsWith('z'))
        {
            timePart = timePart[..^1];
            offset = TimeSpan.Zero;
        }

        var parts = timePart.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var secondsText = parts.Length == 3 ? parts[2] : "0";
        var dot = secondsText.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            secondsText = secondsText[..dot];
        }

        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
            && int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }

    /// <summary>Parses +hhmm, +hh:mm, +h or +hh.</summary>
    private static bool TryParseOffset(string token, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var sign = token[0] == '-' ? -1 : 1;
        var body = token[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        if (body.Length is 0 or 3 or > 4 || !body.All(char.IsAsciiDigit))
        {
            return false;
        }

        int hours, minutes = 0;
        if (body.Length <= 2)
        {
            hours = int.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            hours = int.Parse(body.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            minutes = int.Parse(body.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static string NormalizeDigits(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var mapped = c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // Extended (Persian)
                '\u066B' => '.', // Arabic decimal separator
                _ => c,
            };
            if (mapped != c)
            {
                sb ??= new StringBuilder(s);
                sb[i] = mapped;
            }
        }

        return sb?.ToString() ?? s;
    }

    private static readonly (string MultiWord, string Joined)[] MultiWordMonths =
    [
        (TextNormalizer.Fold("كانون الثاني"), "كانون_الثاني"),
        (TextNormalizer.Fold("كانون الأول"), "كانون_الاول"),
        (TextNormalizer.Fold("تشرين الأول"), "تشرين_الاول"),
        (TextNormalizer.Fold("تشرين الثاني"), "تشرين_الثاني"),
    ];

    private static Dictionary<string, int> BuildMonths()
    {
        var names = new (int Month, string[] Names)[]
        {
            (1, ["jan", "january", "كانون_الثاني", "يناير", "جانفي"]),
            (2, ["feb", "february", "شباط", "فبراير", "فيفري"]),
            (3, ["mar", "march", "آذار", "مارس"]),
            (4, ["apr", "april", "نيسان", "أبريل", "إبريل", "ابريل", "أفريل"]),
            (5, ["may", "أيار", "مايو", "ماي"]),
            (6, ["jun", "june", "حزيران", "يونيو", "يونيه", "يونية", "جوان"]),
            (7, ["jul", "july", "تموز", "يوليو", "يوليه", "يولية", "يوليوز", "جويلية"]),
            (8, ["aug", "august", "آب", "أغسطس", "اغسطس", "غشت", "أوت"]),
            (9, ["sep", "sept", "september", "أيلول", "سبتمبر", "شتنبر"]),
            (10, ["oct", "october", "تشرين_الاول", "أكتوبر", "اكتوبر"]),
            (11, ["nov", "november", "تشرين_الثاني", "نوفمبر", "نونبر"]),
            (12, ["dec", "december", "كانون_الاول", "ديسمبر", "دجنبر"]),
        };
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (month, list) in names)
        {
            foreach (var name in list)
            {
                map[TextNormalizer.Fold(name)] = month;
            }
        }

        return map;
    }
}
