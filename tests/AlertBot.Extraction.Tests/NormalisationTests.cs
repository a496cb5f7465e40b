using AlertBot.Extraction.Text;
using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

public class NormalisationTests
{
    private static string[] Keys(string text)
    {
        var buf = new TokenBuffer();
        buf.Append(text, TextPart.Body);
        return Enumerable.Range(0, buf.Count).Select(i => buf.Key(i).ToString()).ToArray();
    }

    [Fact]
    public void Diacritics_and_tatweel_are_removed()
    {
        Assert.Equal(Keys("الميادين"), Keys("المَيـــادِين"));
        Assert.Equal(Keys("هجين"), Keys("هَجِيْن"));
    }

    [Fact]
    public void Alef_yaa_and_taa_marbuta_variants_fold_together()
    {
        Assert.Equal(Keys("اسرائيلية"), Keys("إسرائيليّة"));
        Assert.Equal(Keys("مستشفى"), Keys("مستشفي"));
        Assert.Equal(Keys("قرية"), Keys("قريه"));
        Assert.Equal(Keys("آب"), Keys("اب"));
    }

    [Fact]
    public void Arabic_indic_and_persian_digits_become_ascii()
    {
        Assert.Equal(["2024"], Keys("٢٠٢٤"));
        Assert.Equal(["15"], Keys("۱۵"));
    }

    [Fact]
    public void Digits_glued_to_a_letter_are_split_off()
    {
        Assert.Equal(["ب", "30"], Keys("ب30"));
    }

    [Fact]
    public void Quotes_and_punctuation_do_not_stick_to_words()
    {
        Assert.Equal(Keys("حقل كونيكو"), Keys("حقل «كونيكو»،"));
        Assert.Equal(Keys("حقل العمر"), Keys("حقل “العمر”"));
    }

    [Fact]
    public void Latin_transliteration_variants_fold_to_one_key()
    {
        Assert.Equal(Keys("Mayadin"), Keys("Mayadeen"));
        Assert.Equal(Keys("Mayadin"), Keys("MEYADIN"));
        Assert.Equal(Keys("Zor"), Keys("Zour"));
        Assert.Equal(Keys("Deir"), Keys("Dayr"));
    }

    [Fact]
    public void Short_english_words_stay_distinct_from_number_words()
    {
        Assert.NotEqual(Keys("for"), Keys("four"));
    }

    [Fact]
    public void Apostrophes_inside_transliterations_are_dropped_but_possessive_s_is_not_part_of_the_word()
    {
        Assert.Equal(Keys("Shafa"), Keys("Sha'fa"));
        Assert.Equal(Keys("Iran"), Keys("Iran's"));
    }

    [Theory]
    [InlineData("بريف", "ريف")]
    [InlineData("والميادين", "ميادين")]
    [InlineData("للميليشيات", "ميليشيات")]
    [InlineData("بالبوكمال", "بوكمال")]
    [InlineData("وبدير", "دير")]
    public void Proclitics_and_article_are_stripped_as_key_variants(string word, string stem)
    {
        var buf = new TokenBuffer();
        buf.Append(word, TextPart.Body);
        Span<int> offsets = stackalloc int[4];
        var n = ArabicKey.Variants(buf.Key(0), offsets);
        var variants = new List<string>();
        for (var i = 0; i < n; i++) variants.Add(buf.Key(0)[offsets[i]..].ToString());
        Assert.Contains(stem, variants);
    }

    [Fact]
    public void Word_with_proclitics_matches_the_place()
    {
        var e = Ar("قصفت قوات النظام بالمدفعية مواقع والميادين وبريف دير الزور");
        Assert.Contains("ES037", e.PlaceIds);
    }

    [Theory]
    [InlineData("ديرالزور")]
    [InlineData("دير الزور")]
    [InlineData("دير الزّور")]
    public void Joined_and_split_spellings_of_deir_ez_zor_match(string name)
    {
        var e = Ar($"استهدفت غارات جوية مواقع في مدينة {name}");
        Assert.Contains("ES001", e.PlaceIds);
    }

    [Theory]
    [InlineData("البوكمال")]
    [InlineData("البو كمال")]
    [InlineData("أبو كمال")]
    public void Joined_and_split_spellings_of_albu_kamal_match(string name)
    {
        var e = Ar($"استهدفت غارات جوية مواقع في مدينة {name} الحدودية");
        Assert.Contains("ES057", e.PlaceIds);
    }

    [Theory]
    [InlineData("Deir Ezzor")]
    [InlineData("Deir ez-Zor")]
    [InlineData("Dayr az-Zawr")]
    [InlineData("Deir el-Zour")]
    public void English_spellings_of_deir_ez_zor_resolve_to_the_city_with_a_city_cue(string name)
    {
        var e = En($"Airstrikes hit militia positions in {name} city overnight.");
        Assert.Contains("ES001", e.PlaceIds);
    }

    [Theory]
    [InlineData("Albu Kamal")]
    [InlineData("al-Bukamal")]
    [InlineData("Abu Kamal")]
    [InlineData("Al-Boukamal")]
    public void English_spellings_of_albu_kamal_match(string name)
    {
        var e = En($"Unidentified warplanes struck militia depots near {name} on Monday.");
        Assert.Contains("ES057", e.PlaceIds);
    }

    [Theory]
    [InlineData("Mayadin")]
    [InlineData("Mayadeen")]
    [InlineData("al-Mayadeen")]
    public void English_spellings_of_mayadin_match(string name)
    {
        var e = En($"Drones attacked a militia headquarters in {name} on Monday.");
        Assert.Contains("ES037", e.PlaceIds);
    }
}
