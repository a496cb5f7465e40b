using AlertBot.Core.Feeds;

namespace AlertBot.Core.Tests;

public sealed class FeedSourceRulesTests
{
    [Theory]
    [InlineData(1, "* * * * *")]
    [InlineData(59, "* * * * *")]
    [InlineData(60, "* * * * *")]
    [InlineData(90, "*/2 * * * *")]
    [InlineData(300, "*/5 * * * *")]
    [InlineData(900, "*/15 * * * *")]
    [InlineData(420, "* * * * *")]
    [InlineData(3600, "0 * * * *")]
    [InlineData(6 * 3600, "0 */6 * * *")]
    [InlineData(5 * 3600, "* * * * *")]
    [InlineData(24 * 3600, "0 0 * * *")]
    [InlineData(2 * 24 * 3600, "* * * * *")]
    public void A_source_interval_becomes_the_cron_of_its_recurring_job(int seconds, string cron) =>
        Assert.Equal(cron, FeedSourceRules.Cron(seconds));

    [Theory]
    [InlineData("ar", "ar")]
    [InlineData("ar-SY", "ar")]
    [InlineData(" EN-gb ", "en")]
    [InlineData("fr", null)]
    [InlineData(null, null)]
    public void Feed_languages_map_to_the_pipelines_two(string? feed, string? report) =>
        Assert.Equal(report, FeedSourceRules.ReportLanguage(feed));

    [Fact]
    public void Keywords_split_on_latin_and_arabic_commas() =>
        Assert.Equal(["قصف", "غارة", "Albu Kamal"], FeedSourceRules.ParseKeywords(" قصف، غارة ,Albu Kamal,, قصف"));
}
