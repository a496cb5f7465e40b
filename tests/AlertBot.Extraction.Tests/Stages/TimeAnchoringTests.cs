using AlertBot.Extraction.Stages;

namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Time anchoring: the part of each sentence that is today's incident, and the incident's date.</summary>
public class TimeAnchoringTests
{
    [Fact]
    public void Pluperfect_starts_the_background_at_its_auxiliary()
    {
        // Pattern: كان/كانت … قد + verb (the pluperfect) recalls an earlier event from the auxiliary on.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في البوكمال اليوم وكانت المواقع قد تعرضت لغارات سابقة.");
        Assert.Equal("قصفت طائرات مجهولة مواقع في البوكمال اليوم", r.Foreground(0));
    }

    [Fact]
    public void A_year_before_publication_makes_the_whole_sentence_history()
    {
        // Pattern: a year before the publication year dates the sentence in the past (published 2024).
        var r = StageReading.Ar("قصفت طائرات التحالف مواقع في الميادين عام 2019. وقصفت طائرات مجهولة مواقع في البوكمال اليوم.");
        Assert.Equal(string.Empty, r.Foreground(0));
        Assert.StartsWith("وقصفت", r.Foreground(1));
    }

    [Fact]
    public void A_tally_over_days_is_background_but_over_hours_is_not()
    {
        // Pattern: خلال + number + a period of days or more is a tally; hours may still be today's incident.
        var r = StageReading.Ar("تعرضت القاعدة لهجمات خلال 6 أيام. وتعرضت القاعدة لهجوم خلال 24 ساعة الماضية.");
        Assert.Equal(string.Empty, r.Foreground(0));
        Assert.NotEqual(string.Empty, r.Foreground(1));
    }

    [Fact]
    public void Since_a_date_starts_the_background()
    {
        // Pattern: منذ / since + a date or a year opens a tally of earlier events.
        var r = StageReading.En("A drone struck the base in Shaddadi today. Since 2019 the bases have come under attack.");
        Assert.Equal(string.Empty, r.Foreground(1));
    }

    [Theory]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال أمس.", "2024-07-27")]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال أول أمس.", "2024-07-26")]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال ليل الجمعة.", "2024-07-26")]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال في 8 أيلول.", "2023-09-08")]
    public void Event_date_is_anchored_against_the_publication_date(string text, string expected)
    {
        // Pattern: relative days, weekdays (the latest on or before publication) and dates without a year (never in
        // the future) resolve against the publication date, a Sunday 28 July 2024.
        var r = StageReading.Ar(text);
        var (date, spans) = new TimeAnchoring(r).ResolveDate();
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Single(spans);
    }

    [Fact]
    public void Bare_day_word_is_not_today()
    {
        // Pattern: يوم without the article is "day" (يوم الاثنين), not اليوم "today"; a weekday needs its article.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في البوكمال يوم الاثنين.");
        var (date, _) = new TimeAnchoring(r).ResolveDate();
        Assert.Equal(new DateOnly(2024, 7, 22), date);
    }

    [Theory]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال أول أمس.")]
    [InlineData("قصفت طائرات مجهولة مواقع في البوكمال في 8 أيلول.")]
    public void Publication_date_at_the_calendar_start_gives_no_event_date_instead_of_failing(string text)
    {
        // Pattern: a relative date needs a publication date it can be counted back from; 0001-01-01 (a placeholder
        // date in a feed) has none before it.
        var report = new ReportText(null, text, "ar", new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var e = Shared.Extractor.Extract(report);
        Assert.True(e.Relevant);
        Assert.Null(e.EventDate);
    }
}
