using AlertBot.Extraction.Stages;

namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Counts: one figure per key from the incident's sentences, decoys refused.</summary>
public class CountingTests
{
    private static Dictionary<string, int> Counts(ReportReading r)
    {
        var stage = new Counting(r);
        stage.Reset();
        return stage.Build().ToDictionary(c => c.Key, c => c.Value);
    }

    [Fact]
    public void Figure_before_its_noun_is_counted()
    {
        // Pattern: number + noun (40 قتيلاً، 3 صواريخ).
        var c = Counts(StageReading.Ar("سقطت 3 صواريخ على قاعدة حقل العمر ما أدى إلى مقتل 5 عناصر."));
        Assert.Equal(3, c["rockets"]);
        Assert.Equal(5, c["killed"]);
    }

    [Fact]
    public void Toll_update_wins_over_the_first_figure()
    {
        // Pattern: ارتفعت حصيلة … إلى N: the toll the count rises to replaces the first report.
        var c = Counts(StageReading.Ar("قتل 3 عناصر في قصف على البوكمال. وارتفعت حصيلة قتلى القصف إلى 9 عناصر."));
        Assert.Equal(9, c["killed"]);
    }

    [Fact]
    public void Figure_followed_by_a_unit_or_a_month_is_not_a_count()
    {
        // Pattern: a number before a unit (كم) or a month is a distance or a date.
        var c = Counts(StageReading.Ar("قصفت طائرات مجهولة موقعا يبعد 5 كم عن البوكمال في 8 أيلول."));
        Assert.Empty(c);
    }

    [Fact]
    public void Combined_casualties_count_neither()
    {
        // Pattern: one figure for killed and wounded together (قتل وأصيب 30) cannot be split.
        var c = Counts(StageReading.Ar("قتل وأصيب 30 عنصرا في قصف على البوكمال."));
        Assert.False(c.ContainsKey("killed"));
        Assert.False(c.ContainsKey("wounded"));
    }

    [Fact]
    public void Background_sentence_gives_no_count()
    {
        // Pattern: a tally "since" a date counts earlier attacks, not the incident's.
        var c = Counts(StageReading.Ar("استهدفت طائرة مسيرة قاعدة الشدادي اليوم. ومنذ 17 تشرين الأول تعرضت القواعد لأكثر من 100 هجوم صاروخي."));
        Assert.False(c.ContainsKey("rockets"));
    }
}
