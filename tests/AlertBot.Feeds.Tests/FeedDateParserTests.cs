using System.Globalization;
using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds.Tests;

public class FeedDateParserTests
{
    [Theory]
    [InlineData("Sun, 12 May 2024 09:15:00 +0300", "2024-05-12T09:15:00+03:00")]
    [InlineData("Sun, 12 May 2024 09:15:00 GMT", "2024-05-12T09:15:00+00:00")]
    [InlineData("12 May 2024 09:15 EST", "2024-05-12T09:15:00-05:00")]
    [InlineData("Sun, 12 May 24 09:15:00 Z", "2024-05-12T09:15:00+00:00")]
    [InlineData("Sunday, 2 June 2024 23:59:60 +03:00", "2024-06-02T23:59:59+03:00")]
    [InlineData("May 12, 2024 9:15 pm", "2024-05-12T21:15:00+00:00")]
    [InlineData("Wed, 01 Jan 2025", "2025-01-01T00:00:00+00:00")]
    [InlineData("2024-05-12T09:15:00+03:00", "2024-05-12T09:15:00+03:00")]
    [InlineData("2024-05-12T06:15:00.123Z", "2024-05-12T06:15:00.123+00:00")]
    [InlineData("2024-05-12 06:15:00", "2024-05-12T06:15:00+00:00")]
    [InlineData("الأحد، 12 أيار 2024 10:30", "2024-05-12T10:30:00+00:00")]
    [InlineData("١٢ مايو ٢٠٢٤ ٠٨:٠٥ م", "2024-05-12T20:05:00+00:00")]
    [InlineData("12 أيّار (مايو) 2024", "2024-05-12T00:00:00+00:00")]
    [InlineData("3 كانون الثاني 2024 - 09:00 +03:00", "2024-01-03T09:00:00+03:00")]
    [InlineData("الثلاثاء 3 كانون الأول 2024م الساعة 07:45 صباحاً", "2024-12-03T07:45:00+00:00")]
    [InlineData("15 تشرين الثاني 2023 GMT+3", "2023-11-15T00:00:00+03:00")]
    [InlineData("1 آب 2024", "2024-08-01T00:00:00+00:00")]
    [InlineData("22 اغسطس 2024 11:00", "2024-08-22T11:00:00+00:00")]
    [InlineData("5 شتنبر 2024", "2024-09-05T00:00:00+00:00")]
    public void Recognised_date_forms_parse_to_the_expected_instant(string text, string expected)
    {
        Assert.True(FeedDateParser.TryParse(text, out var value), text);

        var expectedValue = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        Assert.Equal(expectedValue, value);
        Assert.Equal(expectedValue.Offset, value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("31 Feb 2024")]
    [InlineData("12 May")]
    [InlineData("12 Foo 2024 10:00")]
    [InlineData("Sun, 12 May 2024 25:00:00 GMT")]
    [InlineData("12 مايو 1446هـ")]
    [InlineData("2024-13-45T00:00:00Z")]
    public void Unrecognised_dates_are_rejected(string? text)
    {
        Assert.False(FeedDateParser.TryParse(text, out _));
    }
}
