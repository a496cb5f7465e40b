using System.Globalization;
using System.Text;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Conversation;

/// <summary>A quiet window in the chat's local time; <see cref="Until"/> earlier than <see cref="From"/> spans midnight.</summary>
public readonly record struct QuietWindow(TimeOnly From, TimeOnly Until, QuietMode Mode)
{
    public bool SpansMidnight => Until < From;
}

/// <summary>Parses what users type after /quiet and /timezone. Accepts Arabic-Indic digits and Arabic keywords.</summary>
public static class SettingsInput
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "%H", "HH"];

    /// <summary><c>HH:MM-HH:MM [hold|silent]</c>; the two ends must differ (a 24-hour window is /pause).</summary>
    public static bool TryParseQuiet(string argument, out QuietWindow window)
    {
        window = default;
        var parts = Ascii(argument).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            return false;
        }

        var mode = QuietMode.Hold;
        if (parts.Length == 2)
        {
            switch (parts[1].ToLowerInvariant())
            {
                case "hold" or "تأجيل" or "احتفاظ":
                    mode = QuietMode.Hold;
                    break;
                case "silent" or "صامت" or "بصمت":
                    mode = QuietMode.Silent;
                    break;
                default:
                    return false;
            }
        }

        var ends = parts[0].Split(['-', '–', '—'], StringSplitOptions.None);
        if (ends.Length != 2
            || !TimeOnly.TryParseExact(ends[0], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(ends[1], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
            || from == until)
        {
            return false;
        }

        window = new QuietWindow(from, until, mode);
        return true;
    }

    /// <summary>An IANA time zone id this machine knows (a Windows id is translated to its IANA id).</summary>
    public static bool TryParseTimeZone(string argument, out string ianaId)
    {
        ianaId = string.Empty;
        var id = argument.Trim();
        if (id.Length is 0 or > 64 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        if (zone.HasIanaId)
        {
            ianaId = zone.Id;
            return true;
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var converted))
        {
            ianaId = converted;
            return true;
        }

        return false;
    }

    /// <summary>Arabic-Indic and Persian digits to ASCII, so ١٠:٠٠ reads as 10:00.</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '\u066B' or '：' => ':',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
