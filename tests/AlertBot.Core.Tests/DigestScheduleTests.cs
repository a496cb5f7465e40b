using AlertBot.Core.Digests;

namespace AlertBot.Core.Tests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");

    [Theory]
    [InlineData("daily 08:00,20:00", DigestScheduleKind.Daily, "0 8 * * *|0 20 * * *", "")]
    [InlineData("daily 8:05، 20:30 الميادين", DigestScheduleKind.Daily, "5 8 * * *|30 20 * * *", "الميادين")]
    [InlineData("daily 08:00,08:00 Albu Kamal", DigestScheduleKind.Daily, "0 8 * * *", "Albu Kamal")]
    [InlineData("weekly fri 09:00 Hajin", DigestScheduleKind.Weekly, "0 9 * * 5", "Hajin")]
    [InlineData("weekly الجمعة 21:15", DigestScheduleKind.Weekly, "15 21 * * 5", "")]
    [InlineData("cron \"0 6,18 * * *\" al-Omar", DigestScheduleKind.Cron, "0 6,18 * * *", "al-Omar")]
    [InlineData("يومي 07:00", DigestScheduleKind.Daily, "0 7 * * *", "")]
    public void Schedules_become_cron_expressions_and_keep_what_follows_as_the_target(string text, DigestScheduleKind kind, string crons, string target)
    {
        Assert.True(DigestSchedule.TryParse(text, out var spec, out var error), error);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(crons.Split('|'), spec.Crons);
        Assert.Equal(target, spec.Target);
    }

    [Theory]
    [InlineData("", "unknown schedule")]
    [InlineData("hourly", "unknown schedule")]
    [InlineData("daily", "no time")]
    [InlineData("daily 25:00", "bad time")]
    [InlineData("daily 0:00,1:00,2:00,3:00,4:00,5:00,6:00,7:00,8:00,9:00,10:00,11:00,12:00", "too many times")]
    [InlineData("weekly someday 09:00", "bad day or time")]
    [InlineData("cron 0 8 * * *", "no quoted expression")]
    [InlineData("cron \"61 8 * * *\"", "bad cron expression")]
    [InlineData("cron \"*/5 * * * *\"", "too often")]
    public void Bad_schedules_say_what_is_wrong(string text, string expected)
    {
        Assert.False(DigestSchedule.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Next_and_last_runs_are_found_in_the_zone_and_given_in_UTC()
    {
        var now = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero); // 09:00 in Damascus
        string[] crons = ["0 8 * * *", "0 20 * * *"];
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), DigestSchedule.NextRun(crons, Damascus, now));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), DigestSchedule.LastRun(crons, Damascus, now));
        Assert.Equal(TimeSpan.Zero, DigestSchedule.NextRun(crons, Damascus, now)!.Value.Offset);
    }
}
