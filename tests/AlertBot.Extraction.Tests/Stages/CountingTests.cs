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

    [Fact]
    public void Another_with_a_figure_counts_the_figure()
    {
        // Pattern: "another N were injured" adds N, not one.
        var c = Counts(StageReading.En("Three fighters were killed in the strike near Albu Kamal. Another two were injured."));
        Assert.Equal(3, c["killed"]);
        Assert.Equal(2, c["wounded"]);
    }

    [Fact]
    public void Death_of_n_counts_the_dead()
    {
        // Pattern: "resulted in the death of N", "the deaths of N": the casualty noun before its figure.
        var c = Counts(StageReading.En("Aircraft struck trucks in Albu Kamal; the strikes resulted in the death of four individuals."));
        Assert.Equal(4, c["killed"]);
    }

    [Fact]
    public void Figure_before_injuries_counts_the_wounded()
    {
        // Pattern: N + إصابات (N injuries) is N wounded, as N + جرحى.
        var c = Counts(StageReading.Ar("استهدف قصف صاروخي مواقع في البوكمال ما أدى إلى ارتقاء 3 شهداء وتسجيل 5 إصابات."));
        Assert.Equal(3, c["killed"]);
        Assert.Equal(5, c["wounded"]);
    }

    [Theory]
    [InlineData("en", "Two Russian submarines fired 10 cruise missiles at positions outside Mayadin.")]
    [InlineData("ar", "أطلقت غواصة روسية 10 صواريخ مجنحة على مواقع قرب الميادين.")]
    [InlineData("ar", "استهدفت 6 صواريخ كروز مواقع قرب الميادين.")]
    public void Missiles_from_the_sea_are_not_rockets(string language, string text)
    {
        // Pattern: cruise missiles and missiles fired by submarines or warships are not ground-launched rockets.
        var r = language == "ar" ? StageReading.Ar(text) : StageReading.En(text);
        Assert.False(Counts(r).ContainsKey("rockets"));
        Assert.DoesNotContain("rocket_attack", r.MarkedTypes());
    }

    [Fact]
    public void Missiles_fired_during_air_raids_are_the_raids_munitions()
    {
        // Pattern: "N air raids, during which M missiles were fired": N strikes; the missiles are air-launched.
        var c = Counts(StageReading.En("The coalition conducted 11 air raids on Albu Kamal today, during which 31 missiles were fired."));
        Assert.Equal(11, c["strikes"]);
        Assert.False(c.ContainsKey("rockets"));
    }

    [Theory]
    [InlineData("شنت طائرات مجهولة ثماني غارات على مواقع في البوكمال.", "strikes", 8)]
    [InlineData("سقط ثلاثة عشر صاروخا على قاعدة حقل العمر.", "rockets", 13)]
    [InlineData("أسفر القصف على البوكمال عن مقتل خمسة وعشرين عنصرا.", "killed", 25)]
    [InlineData("قتل خمسة وعشرون عنصرا بغارات على البوكمال.", "killed", 25)]
    [InlineData("سقط نحو 20 صاروخا على قاعدة حقل العمر.", "rockets", 20)]
    [InlineData("قتل أكثر من عشرين عنصرا بغارات على البوكمال.", "killed", 20)]
    [InlineData("أسفرت الغارات على البوكمال عن مقتل ٢٥ عنصرا.", "killed", 25)]
    [InlineData("سقط صاروخان على قاعدة حقل العمر.", "rockets", 2)]
    public void Arabic_number_forms_are_read(string text, string key, int value)
    {
        // Pattern: number words in both genders, two-word teens, units و tens compounds, duals, Arabic-Indic digits;
        // نحو (about) and أكثر من (more than) give their figure as the lower bound.
        Assert.Equal(value, Counts(StageReading.Ar(text))[key]);
    }

    [Theory]
    [InlineData("قصفت طائرات مجهولة مقر الفوج 47 في البوكمال.")]
    [InlineData("استهدفت غارات مقر اللواء 313 في الميادين الساعة 10 مساء.")]
    [InlineData("سقطت عشرات الصواريخ على قاعدة حقل العمر.")]
    [InlineData("قصفت طائرات مجهولة موقعا على بعد 10 كم من البوكمال عام 2024.")]
    public void Decoy_numbers_are_not_counts(string text)
    {
        // Pattern: unit numbers (الفوج 47، اللواء 313), clock times, distances, years and "dozens" (عشرات) count nothing.
        Assert.Empty(Counts(StageReading.Ar(text)));
    }

    [Fact]
    public void Missiles_of_a_single_aircraft_named_far_before_are_air_launched()
    {
        // Pattern: the aircraft as the sentence's subject (قامت طائرة … بضرب …) fired the missiles named at the end
        // of a long object phrase: an airstrike's munitions, not rockets.
        var r = StageReading.Ar("قامت طائرة أمريكية بضرب مقر ثابت لقطاعات الحشد الشعبي من لواءي 45 و46 المدافعة عن الشريط الحدودي قرب البوكمال بصاروخين.");
        Assert.False(Counts(r).ContainsKey("rockets"));
        Assert.Equal(["airstrike"], r.MarkedTypes());
    }
}
