namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Places: which names are places of the incident, which same-named place is meant, and where it happened.</summary>
public class PlaceResolutionTests
{
    [Fact]
    public void Incident_clause_place_is_kept()
    {
        // Pattern: a gazetteer name in an incident clause is an incident place.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في مدينة الميادين.");
        Assert.Contains("ES037", r.PlaceIds());
    }

    [Fact]
    public void Outlet_named_after_a_town_is_not_a_place()
    {
        // Pattern: a name after قناة / وكالة (الميادين is also a TV channel) names an outlet.
        var r = StageReading.Ar("وقالت قناة الميادين إن طائرات مجهولة قصفت مواقع في البوكمال.");
        Assert.DoesNotContain("ES037", r.PlaceIds());
        Assert.Contains(r.Resolved, x => r.Lexicon.Places[x.Place].Id != "ES037");
    }

    [Fact]
    public void Sentence_located_only_elsewhere_is_not_an_incident()
    {
        // Pattern: a sentence whose only places are outside the region (Idlib) reports an incident elsewhere.
        var r = StageReading.Ar("قصفت طائرات روسية مواقع في إدلب.");
        Assert.False(r.Incident[0]);
        Assert.Empty(r.PlaceIds());
        Assert.NotEmpty(r.ElsewhereNames);
    }

    [Fact]
    public void Direction_reference_is_not_the_incident_place()
    {
        // Pattern: "town X east of Deir ez-Zor": the place after a direction word is a reference point.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في بلدة الشحيل شرقي دير الزور.");
        Assert.Equal(["ES030"], r.PlaceIds());
    }

    [Fact]
    public void Source_location_is_not_the_incident_place()
    {
        // Pattern: "مصادر أهلية في قرية X": where the witnesses are, not where the attack was.
        var r = StageReading.Ar("قالت مصادر أهلية في بلدة ذيبان إن طائرات مجهولة قصفت مواقع في مدينة البوكمال.");
        Assert.Equal(["ES057"], r.PlaceIds());
    }

    [Fact]
    public void Launch_points_of_an_attack_are_not_its_places()
    {
        // Pattern: "من نقاطها في X و Y … هجوماً … على Z": the places between the origin cue and the attack are where it
        // came from; the target is the incident's place.
        var r = StageReading.Ar("شنت قوات النظام من نقاطها في ريف الميادين ومنطقة العشارة هجوماً بالمدفعية على بلدة ذيبان.");
        Assert.Equal(["ES031"], r.PlaceIds());
    }

    [Fact]
    public void Launch_points_stretch_ends_at_the_goal()
    {
        // Pattern: "تسللت مجموعات من نقاط تابعة لها في بلدة X إلى مناطق … في Y": X is the origin, Y where they went.
        var r = StageReading.Ar("تسللت مجموعات من نقاط تابعة لها في بلدة القورية عبر قوارب إلى مناطق في بلدة ذيبان.");
        Assert.Equal(["ES031"], r.PlaceIds());
    }

    [Fact]
    public void Withdrawing_from_positions_in_a_place_keeps_the_place()
    {
        // Pattern: "انسحبت من مواقعها في X": a withdrawal's own place, not a launch point.
        var r = StageReading.Ar("انسحبت الميليشيات الإيرانية من مواقعها في مدينة الميادين باتجاه البوكمال.");
        Assert.Contains("ES037", r.PlaceIds());
    }

    [Fact]
    public void Neighbourhood_makes_its_city_of_the_shared_name()
    {
        // Pattern: "حي القصور في دير الزور": a neighbourhood locates the city, not the governorate of the same name.
        var r = StageReading.Ar("سقطت قذائف على حي القصور في ديرالزور.");
        Assert.Contains("ES001", r.PlaceIds());
        Assert.DoesNotContain("SY09", r.PlaceIds());
    }

    [Fact]
    public void City_and_its_countryside_names_the_city()
    {
        // Pattern: "X وريفها", "X and its countryside": X is the city whose countryside it is.
        var r = StageReading.Ar("قصفت طائرات التحالف مواقع للميليشيات في دير الزور وريفها.");
        Assert.Contains("ES001", r.PlaceIds());
    }

    [Theory]
    [InlineData("ar", "استقدمت قوات الحشد الشعبي تعزيزات عسكرية إلى البادية في البوكمال.")]
    [InlineData("en", "The PMF also deployed to positions in the desert near Albu Kamal on July 26.")]
    public void Desert_of_a_town_is_the_desert_area_named_after_it(string language, string text)
    {
        // Pattern: a desert word before a town (البادية في X، the desert near X) names the desert area "بادية X".
        var r = language == "ar" ? StageReading.Ar(text) : StageReading.En(text);
        Assert.Contains("ES073", r.PlaceIds());
        Assert.DoesNotContain("ES057", r.PlaceIds());
    }

    [Fact]
    public void Town_and_its_desert_are_both_places()
    {
        // Pattern: "X وباديتها" (X and its desert): the town and the desert area named after it.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع للميليشيات على أطراف مدينة البوكمال وباديتها.");
        Assert.Contains("ES057", r.PlaceIds());
        Assert.Contains("ES073", r.PlaceIds());
    }

    [Fact]
    public void Desert_towards_a_town_is_not_its_desert()
    {
        // Pattern: "البادية باتجاه X" (the desert towards X): a direction, not the desert of X.
        var r = StageReading.Ar("مشطت الطائرات البادية باتجاه الميادين وقصفت مواقع في مدينة الميادين.");
        Assert.DoesNotContain("ES047", r.PlaceIds());
    }

    [Theory]
    [InlineData("ar", "قصفت طائرات مجهولة منطقة السكرية بريف البوكمال.", "ES061")]
    [InlineData("en", "A US-led airstrike hit the village of Al-Sukariya in rural Albu Kamal.", "ES061")]
    [InlineData("ar", "أخلت الميليشيات مقرات في قرى سويعية والهري وحميضة.", "ES065")]
    public void Village_spelling_variants_resolve_to_the_village(string language, string text, string id)
    {
        // Pattern: spellings news uses for a gazetteer village (the -iyah form, the name without its article) are
        // gazetteer aliases (places_added.csv merge rows).
        var r = language == "ar" ? StageReading.Ar(text) : StageReading.En(text);
        Assert.Contains(id, r.PlaceIds());
    }

    [Theory]
    [InlineData("ar", "وذكرت الميادين أن طائرات مجهولة قصفت مواقع في البوكمال.")]
    [InlineData("ar", "وبحسب الميادين، قصفت طائرات مجهولة مواقع في البوكمال.")]
    [InlineData("en", "Al Mayadeen reported that unidentified aircraft struck positions in Albu Kamal.")]
    [InlineData("en", "According to Al-Mayadeen, unidentified aircraft struck positions in Albu Kamal.")]
    public void Place_name_that_reports_is_an_outlet(string language, string text)
    {
        // Pattern: a place name as the subject of a reporting verb or after "according to" / بحسب names an outlet
        // (الميادين is also a TV channel): places do not report.
        var r = language == "ar" ? StageReading.Ar(text) : StageReading.En(text);
        Assert.Equal(["ES057"], r.PlaceIds());
    }

    [Fact]
    public void Town_before_according_to_its_sources_stays_a_place()
    {
        // Pattern: "in al-Mayadeen, according to activists": the citation follows the clause, the town is the place.
        var r = StageReading.En("Unidentified aircraft struck positions in al-Mayadeen, according to activists.");
        Assert.Equal(["ES037"], r.PlaceIds());
    }
}
