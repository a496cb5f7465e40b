namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Actors: who takes part in the incident, as the incident clauses and the headline name them.</summary>
public class ActorResolutionTests
{
    [Fact]
    public void Sponsor_is_not_a_party()
    {
        // Pattern: "X-backed Y": X sponsors Y and takes no part.
        var r = StageReading.En("Clashes broke out between the US-backed Syrian Democratic Forces and tribal fighters in Dhiban today.");
        Assert.Contains("sdf", r.ActorIds());
        Assert.DoesNotContain("us_forces", r.ActorIds());
    }

    [Fact]
    public void Militia_noun_near_an_iran_word_is_the_iran_backed_militias()
    {
        // Pattern: a militia noun within four words of an Iran word (الميليشيات الإيرانية، فصائل موالية لإيران).
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع للفصائل الموالية لإيران في البوكمال.");
        Assert.Contains("iran_backed_militias", r.ActorIds());
    }

    [Fact]
    public void Member_group_adds_its_parent()
    {
        // Pattern: the IRGC is one of the Iran-backed forces: naming it names the group too.
        var r = StageReading.Ar("قصفت طائرات مجهولة مقرا للحرس الثوري الإيراني في البوكمال.");
        Assert.Contains("irgc", r.ActorIds());
        Assert.Contains("iran_backed_militias", r.ActorIds());
    }

    [Fact]
    public void Actor_of_a_background_sentence_is_not_a_party()
    {
        // Pattern: actors named only in background (a recalled attack) take no part in today's incident.
        var r = StageReading.Ar("أخلت الميليشيات الإيرانية مواقعها في البوكمال اليوم. وكانت قواعدها قد تعرضت لغارات شنتها طائرات التحالف الدولي.");
        Assert.DoesNotContain("coalition", r.ActorIds());
    }

    [Fact]
    public void An_alias_inside_an_idiom_of_the_lexicon_is_a_common_noun()
    {
        // Pattern: "a coalition of tribes" is a group of tribes, not the US-led coalition; the idiom is lexicon data.
        var r = StageReading.En("A coalition of tribal fighters attacked an SDF checkpoint in Dhiban today.");
        Assert.DoesNotContain("coalition", r.ActorIds());
        Assert.Contains("sdf", r.ActorIds());

        var coalition = StageReading.En("Coalition warplanes struck an ISIS hideout near Hajin today.");
        Assert.Contains("coalition", coalition.ActorIds());
    }
}
