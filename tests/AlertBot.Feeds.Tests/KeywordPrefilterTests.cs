namespace AlertBot.Feeds.Tests;

public class KeywordPrefilterTests
{
    private static FeedItem Item(string? title, string text) =>
        new(FeedParser.ComputeKey(null, null, title, text), null, title, text, null, FixtureFiles.FetchedAt, false);

    [Theory]
    [InlineData("دير الزور", "قصف قرب دَيْرِ الزُّورِ صباح اليوم")]
    [InlineData("الميادين", "افتتاح سوق في الـمـيـاديـن")]
    [InlineData("أبو كمال", "حاجز جديد عند مدخل ابو كمال")]
    [InlineData("ابو كمال", "حاجز جديد عند مدخل أبو كمال")]
    [InlineData("مؤسسة", "افتتاح مؤسسة خيرية")]
    [InlineData("مدرسة", "ترميم مدرسه في الحي")]
    [InlineData("deir ez-zor", "Shelling reported near DEIR EZ-ZOR airport")]
    [InlineData("Mayadin", "Market reopens in al-Mayādīn")]
    public void Keyword_matches_ignoring_case_and_arabic_diacritics(string keyword, string text)
    {
        var filter = new KeywordPrefilter([keyword]);

        Assert.True(filter.Matches(Item(null, text)));
    }

    [Fact]
    public void Items_with_none_of_the_keywords_are_skipped_and_order_is_kept()
    {
        var filter = new KeywordPrefilter(["البوكمال", "Albu Kamal"]);
        FeedItem[] items =
        [
            Item("Road to Albu Kamal reopened", "Traffic resumed."),
            Item("Football results", "The local team won."),
            Item("وصول قافلة", "وصلت قافلة إلى البُوكمال."),
            Item("طقس", "أجواء حارة في حلب."),
        ];

        var passed = filter.Filter(items);

        Assert.Equal([items[0], items[2]], passed);
    }

    [Fact]
    public void Title_alone_can_match()
    {
        Assert.True(new KeywordPrefilter(["Deir ez-Zor"]).Matches("Deir ez-Zor update", string.Empty));
    }

    [Fact]
    public void Filter_without_keywords_passes_everything()
    {
        var filter = new KeywordPrefilter(["", "   "]);

        Assert.True(filter.IsEmpty);
        Assert.True(filter.Matches(Item("anything", "at all")));
    }
}
