using AlertBot.Extraction.Stages;

namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Relevance: an incident located in the watched region, and the places reported for it.</summary>
public class RelevanceTests
{
    private static (bool Relevant, string? Reason, string[] Places) Decide(ReportReading r)
    {
        var relevant = new Relevance(r).Decide(out var reason, out var places);
        return (relevant, reason, places.Select(p => r.Lexicon.Places[p].Id).ToArray());
    }

    [Fact]
    public void Located_incident_in_the_region_is_relevant()
    {
        // Pattern: an incident clause with a place inside the watched governorates.
        var (relevant, reason, places) = Decide(StageReading.Ar("قصفت طائرات مجهولة مواقع في مدينة البوكمال."));
        Assert.True(relevant);
        Assert.Null(reason);
        Assert.NotEmpty(places);
    }

    [Fact]
    public void No_incident_says_so()
    {
        // Pattern: a report of services and prices has no attack, movement or clash.
        var (relevant, reason, _) = Decide(StageReading.Ar("يعاني سكان البوكمال من نقص في الخدمات وارتفاع الأسعار."));
        Assert.False(relevant);
        Assert.StartsWith("no incident", reason);
    }

    [Fact]
    public void Incident_elsewhere_names_the_place()
    {
        // Pattern: an incident located only outside the region (Idlib) is not the region's.
        var (relevant, reason, _) = Decide(StageReading.Ar("قصفت طائرات روسية مواقع في إدلب."));
        Assert.False(relevant);
        Assert.StartsWith("incident outside the watched region", reason);
    }

    [Fact]
    public void Governorate_is_dropped_when_a_place_inside_it_is_named()
    {
        // Pattern: "البوكمال في ريف دير الزور": the administrative unit adds nothing to the town inside it.
        var (relevant, _, places) = Decide(StageReading.Ar("قصفت طائرات مجهولة مواقع في مدينة البوكمال بريف دير الزور."));
        Assert.True(relevant);
        Assert.DoesNotContain("SY09", places);
    }

    [Fact]
    public void A_commemoration_recalls_its_attacks_and_is_not_an_incident()
    {
        // Pattern: a headline marks the report as an anniversary or a ceremony and names no attack; the shelling its body
        // recalls is history, whatever tense it is told in.
        var (relevant, reason, _) = Decide(StageReading.Ar(
            "أقامت المحافظة احتفالاً في حديقة الانتصار. وقصفت المجموعات المسلحة أحياء مدينة دير الزور بالقذائف طوال سنوات الحصار.",
            title: "احتفالية بذكرى فك الحصار عن دير الزور"));
        Assert.False(relevant);
        Assert.Equal("a commemoration or anniversary, not news of an incident", reason);

        var untitled = Decide(StageReading.En(
            "Residents of Deir ez-Zor mark the anniversary of the end of the siege. Militants shelled the city for three years."));
        Assert.False(untitled.Relevant);
    }

    [Fact]
    public void An_attack_on_an_anniversary_is_still_an_incident()
    {
        // Pattern: the commemoration word only frames the report when the headline names no attack.
        var (relevant, _, places) = Decide(StageReading.En(
            "Two drones targeted the US base at al-Omar oil field this morning.",
            title: "Drones attack al-Omar base on the anniversary of the siege"));
        Assert.True(relevant);
        Assert.Contains("ES036", places);
    }

    [Fact]
    public void A_threat_statement_promises_attacks_and_is_not_an_incident()
    {
        // Pattern: a headline that threatens or warns and names no attack frames a statement; the convoys and occupied
        // provinces its body describes are the statement's argument, not news.
        var (relevant, reason, _) = Decide(StageReading.En(
            "Kataib Hezbollah has threatened the US forces stationed in Iraq. The movements of US convoys in Deir ez-Zor prove the occupation, the statement said."));
        Assert.False(relevant);
        Assert.Equal("a threat or warning, not news of an incident", reason);

        var arabic = Decide(StageReading.Ar(
            "قالت الكتائب في بيان إن تحركات أرتال الاحتلال الأمريكي في ريف دير الزور دليل على نواياه.",
            title: "كتائب حزب الله تتوعد القوات الأمريكية"));
        Assert.False(arabic.Relevant);

        // A threat carried out is an attack: the headline names it, and the report is news.
        var carried = Decide(StageReading.En(
            "Rockets hit the Conoco gas field base this morning.",
            title: "Militia that threatened US forces fires rockets at Conoco base"));
        Assert.True(carried.Relevant);
    }
}
