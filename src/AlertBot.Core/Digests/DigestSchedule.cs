using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace AlertBot.Core.Digests;

/// <summary>A digest schedule as typed after <c>/digest</c>, and what follows it (a place or actor, or nothing).</summary>
public sealed record DigestScheduleSpec(DigestScheduleKind Kind, IReadOnlyList<string> Crons, string Target);

/// <summary>
/// Reads <c>daily HH:MM[,HH:MM…]</c>, <c>weekly &lt;day&gt; HH:MM</c> and <c>cron "&lt;expression&gt;"</c> (each followed by
/// an optional place or actor) into cron expressions, and answers when a schedule runs next.
/// </summary>
public static partial class DigestSchedule
{
    /// <summary>At most this many times a day: a digest more often than every two hours is an alert stream.</summary>
    public const int MaxTimes = 12;

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["الأحد"] = DayOfWeek.Sunday, ["الاحد"] = DayOfWeek.Sunday,
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["الاثنين"] = DayOfWeek.Monday, ["الإثنين"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["الثلاثاء"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["الأربعاء"] = DayOfWeek.Wednesday, ["الاربعاء"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["الخميس"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["الجمعة"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["السبت"] = DayOfWeek.Saturday,
    };

    /// <summary>Parses a schedule; on failure <paramref name="error"/> says what was wrong, in English (the caller words it for the chat).</summary>
    public static bool TryParse(string text, out DigestScheduleSpec spec, out string error)
    {
        spec = new DigestScheduleSpec(DigestScheduleKind.Daily, [], string.Empty);
        error = string.Empty;
        var words = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kind = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
        var rest = words.Length > 1 ? words[1] : string.Empty;
        switch (kind)
        {
            case "daily" or "يومي" or "يوميا" or "يوميًا":
            {
                var parts = TimeSeparator().Replace(rest, ",").Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var times = parts.Length > 0 ? parts[0].Split([',', '،'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                if (times.Length == 0 || times.Length > MaxTimes)
                {
                    error = times.Length == 0 ? "no time" : "too many times";
                    return false;
                }

                var crons = new List<string>();
                foreach (var time in times)
                {
                    if (!TryParseTime(time, out var at))
                    {
                        error = "bad time";
                        return false;
                    }

                    crons.Add(Cron(at, "*"));
                }

                spec = new DigestScheduleSpec(DigestScheduleKind.Daily, crons.Distinct(StringComparer.Ordinal).ToList(), parts.Length > 1 ? parts[1] : string.Empty);
                return true;
            }

            case "weekly" or "أسبوعي" or "اسبوعي" or "أسبوعيا" or "أسبوعيًا":
            {
                var parts = rest.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length < 2 || !Days.TryGetValue(parts[0], out var day) || !TryParseTime(parts[1], out var at))
                {
                    error = "bad day or time";
                    return false;
                }

                spec = new DigestScheduleSpec(DigestScheduleKind.Weekly, [Cron(at, ((int)day).ToString(CultureInfo.InvariantCulture))], parts.Length > 2 ? parts[2] : string.Empty);
                return true;
            }

            case "cron":
            {
                var match = QuotedCron().Match(rest);
                if (!match.Success)
                {
                    error = "no quoted expression";
                    return false;
                }

                var expression = match.Groups[1].Value.Trim();
                try
                {
                    CronExpression.Parse(expression);
                }
                catch (CronFormatException)
                {
                    error = "bad cron expression";
                    return false;
                }

                if (TooOften(expression))
                {
                    error = "too often";
                    return false;
                }

                spec = new DigestScheduleSpec(DigestScheduleKind.Cron, [expression], rest[(match.Index + match.Length)..].Trim());
                return true;
            }

            default:
                error = "unknown schedule";
                return false;
        }
    }

    /// <summary>The next time any of the crons fires after <paramref name="after"/>, in the zone, as UTC; null when never.</summary>
    public static DateTimeOffset? NextRun(IEnumerable<string> crons, TimeZoneInfo zone, DateTimeOffset after) =>
        crons.Select(c => CronExpression.Parse(c).GetNextOccurrence(after, zone)).Where(n => n is not null).Min()?.ToUniversalTime();

    /// <summary>The last time any of the crons fired at or before <paramref name="before"/> (looking back up to 40 days), as UTC.</summary>
    public static DateTimeOffset? LastRun(IEnumerable<string> crons, TimeZoneInfo zone, DateTimeOffset before)
    {
        var from = before.AddDays(-40);
        return crons.SelectMany(c => CronExpression.Parse(c).GetOccurrences(from, before, zone, fromInclusive: true, toInclusive: true))
            .DefaultIfEmpty().Max() is { } last && last != default ? last.ToUniversalTime() : null;
    }

    private static bool TryParseTime(string text, out TimeOnly at) =>
        TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    private static string Cron(TimeOnly at, string dayOfWeek) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.Minute} {at.Hour} * * {dayOfWeek}");

    /// <summary>More than <see cref="MaxTimes"/> runs in a day.</summary>
    private static bool TooOften(string expression)
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        return CronExpression.Parse(expression).GetOccurrences(start, start.AddDays(1), TimeZoneInfo.Utc).Take(MaxTimes + 1).Count() > MaxTimes;
    }

    [GeneratedRegex("\\s*[,،]\\s*")]
    private static partial Regex TimeSeparator();

    [GeneratedRegex("^\\s*[\"“”«](.+?)[\"“”»]")]
    private static partial Regex QuotedCron();
}
