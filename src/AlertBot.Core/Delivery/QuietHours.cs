using AlertBot.Core.Storage;

namespace AlertBot.Core.Delivery;

/// <summary>A recipient's quiet window, read in its own time zone.</summary>
public static class QuietHours
{
    /// <summary>The recipient's time zone, or Asia/Damascus when its id is unknown on this machine.</summary>
    public static TimeZoneInfo ZoneOf(Recipient recipient) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(recipient.TimeZone, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(Recipient.DefaultTimeZone, out var damascus) ? damascus
        : TimeZoneInfo.Utc;

    /// <summary>When <paramref name="now"/> falls in the recipient's quiet window, the moment the window ends; else null.</summary>
    public static DateTimeOffset? EndOfWindow(Recipient recipient, DateTimeOffset now)
    {
        if (recipient.QuietFrom is not { } from || recipient.QuietUntil is not { } until || from == until)
        {
            return null;
        }

        var zone = ZoneOf(recipient);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = from < until ? time >= from && time < until : time >= from || time < until;
        if (!inside)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (from > until && time >= from)
        {
            endDate = endDate.AddDays(1); // the window spans midnight and ends tomorrow
        }

        var endLocal = endDate.ToDateTime(until);
        if (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddHours(1); // the end falls in a skipped hour (clocks went forward)
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
