namespace AlertBot.Extraction.Tests;

public class TaxonomyTests
{
    [Fact]
    public void All_label_scheme_actor_ids_exist()
    {
        string[] ids = ["iran_backed_militias", "irgc", "us_forces", "coalition", "sdf", "syrian_government", "hezbollah", "fatemiyoun", "hashd_al_shaabi", "israel", "isis", "unknown"];
        Assert.Equal(ids.Order(), ActorTaxonomy.All.Select(a => a.Id).Order());
    }

    [Fact]
    public void Iran_backed_group_has_its_member_militias()
    {
        Assert.Equal(["fatemiyoun", "hashd_al_shaabi", "hezbollah", "irgc"], ActorTaxonomy.MembersOf("iran_backed_militias").Select(a => a.Id).Order());
        Assert.Equal(["hashd_al_shaabi", "iran_backed_militias"], ActorTaxonomy.WithGroups("hashd_al_shaabi").Select(a => a.Id));
    }

    [Theory]
    [InlineData("قسد", "sdf")]
    [InlineData("الحرس الثوري", "irgc")]
    [InlineData("التحالف الدولي", "coalition")]
    [InlineData("قوات النظام", "syrian_government")]
    [InlineData("الجيش السوري", "syrian_government")]
    [InlineData("Fatemiyoun", "fatemiyoun")]
    [InlineData("Kataib Hezbollah", "hashd_al_shaabi")]
    [InlineData("حزب الله العراقي", "hashd_al_shaabi")]
    [InlineData("Hezbollah", "hezbollah")]
    [InlineData("داعش", "isis")]
    [InlineData("sdf", "sdf")]
    public void Lookup_resolves_aliases_in_both_languages(string typed, string id)
    {
        Assert.Equal(id, ActorTaxonomy.Lookup(typed)[0].Id);
    }

    [Fact]
    public void Event_types_map_to_acled_sub_event_types()
    {
        Assert.Equal(7, EventTypes.All.Count);
        Assert.Equal("Air/drone strike", EventTypes.Airstrike.AcledSubEventType);
        Assert.Equal("Air/drone strike", EventTypes.DroneAttack.AcledSubEventType);
        Assert.Equal("Shelling/artillery/missile attack", EventTypes.Shelling.AcledSubEventType);
        Assert.Equal("Shelling/artillery/missile attack", EventTypes.RocketAttack.AcledSubEventType);
        Assert.Equal("Armed clash", EventTypes.Clash.AcledSubEventType);
        Assert.Equal("Non-violent transfer of territory", EventTypes.Evacuation.AcledSubEventType);
        Assert.Equal("Strategic developments", EventTypes.Reinforcement.AcledEventType);
        Assert.All(EventTypes.All, t => Assert.False(string.IsNullOrWhiteSpace(t.NameAr)));
        Assert.Same(EventTypes.Clash, EventTypes.Find("clash"));
    }
}
