namespace AlertBot.Extraction.Tests;

/// <summary>Why a report is not relevant, as the console and the bot's replies say it in Arabic.</summary>
public class IrrelevantReasonsTests
{
    public static TheoryData<string> Reasons => new()
    {
        IrrelevantReasons.NoIncident, IrrelevantReasons.Commemoration, IrrelevantReasons.Threat, IrrelevantReasons.NotInGazetteer,
        IrrelevantReasons.NotInRegion, IrrelevantReasons.EmptyText, IrrelevantReasons.NoEventType, IrrelevantReasons.NoPlace,
        IrrelevantReasons.NotAboutTheArea,
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_reason_has_its_arabic(string reason)
    {
        var arabic = IrrelevantReasons.ToArabic(reason);
        Assert.NotEqual(reason, arabic);
        Assert.DoesNotMatch("[A-Za-z]", arabic);
    }

    [Fact]
    public void A_reason_with_a_detail_keeps_the_detail()
    {
        Assert.Equal("حادثة خارج المنطقة المراقبة: Idlib Governorate", IrrelevantReasons.ToArabic(IrrelevantReasons.ElsewherePrefix + "Idlib Governorate"));
        Assert.Equal("نص طويل جدًا: 300000 حرفًا (الحد 262144)", IrrelevantReasons.ToArabic(IrrelevantReasons.TooLong(300000, 262144)));
    }

    [Fact]
    public void An_unknown_reason_is_given_as_it_is()
    {
        // A report stored under an older wording still shows its reason rather than nothing.
        Assert.Equal("filtered by an older rule", IrrelevantReasons.ToArabic("filtered by an older rule"));
    }

    [Fact]
    public void The_extractor_gives_the_reasons_of_the_table()
    {
        var extractor = Shared.Extractor;
        Assert.Equal(IrrelevantReasons.NoIncident, extractor.Extract(new ReportText(null, "يعاني سكان البوكمال من نقص في الخدمات.", "ar", null)).IrrelevantReason);
        Assert.Equal(IrrelevantReasons.Commemoration, extractor.Extract(new ReportText("احتفالية بذكرى فك الحصار عن دير الزور", "قصفت المجموعات المسلحة المدينة طوال سنوات الحصار.", "ar", null)).IrrelevantReason);
        Assert.Equal(IrrelevantReasons.EmptyText, extractor.Extract(new ReportText(null, "  ", "ar", null)).IrrelevantReason);
    }
}
