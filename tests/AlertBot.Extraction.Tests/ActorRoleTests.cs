using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

/// <summary>Actor roles read from the clause: each test names the general pattern, on a sentence shaped like the reports of dev.jsonl.</summary>
public class ActorRoleTests
{
    private static ActorRole? RoleOf(Extraction e, string actorId) =>
        e.Actors.Single(a => a.Actor.Id == actorId).Role;

    [Fact]
    public void Arabic_verb_then_subject_names_the_attacker_and_the_base_owner_the_target()
    {
        // VSO: قصفت + subject; the object is a base named with its owner (القاعدة العسكرية الأميركية).
        var e = Ar("قصفت ميليشيات موالية لإيران القاعدة العسكرية الأميركية في حقل العمر النفطي بريف دير الزور");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "iran_backed_militias"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "us_forces"));
    }

    [Fact]
    public void Arabic_targeting_of_a_coalition_base_by_a_drone_makes_the_coalition_the_target()
    {
        // استهدف + قاعدة + owner: the coalition is what was hit, and no attacker is named.
        var e = Ar("استهدفت طائرة مسيرة مجهولة قاعدة التحالف الدولي في حقل كونيكو بريف دير الزور الشرقي");
        Assert.Equal(ActorRole.Target, RoleOf(e, "coalition"));
        Assert.DoesNotContain(e.Actors, a => a.Actor.Id != "coalition" && a.Actor.Id != "unknown" && a.Role == ActorRole.Attacker);
    }

    [Fact]
    public void Arabic_attack_noun_with_its_agent_names_the_attacker_and_positions_owner_the_target()
    {
        // قصف + لـ/إضافة agent; مواقع + owner after يستهدف.
        var e = Ar("قصف للتحالف يستهدف مواقع لميليشيات إيران في البوكمال بريف دير الزور");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "coalition"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "iran_backed_militias"));
    }

    [Fact]
    public void A_quoted_owner_after_the_vehicle_hit_is_the_target()
    {
        // استهدف + سيارة + لـ"owner": quotes around the name do not part the phrase.
        var e = Ar("طائرة مسيرة تستهدف سيارة لـ\"الحرس الثوري\" في بادية الميادين بريف دير الزور وتوقع قتلى");
        Assert.Equal(ActorRole.Target, RoleOf(e, "irgc"));
    }

    [Fact]
    public void English_convoy_of_an_actor_hit_from_the_air_makes_it_the_target()
    {
        var e = En("Unidentified aircraft targeted a truck convoy of Iran-backed militias near Al-Bukamal in eastern Deir ez-Zor.");
        Assert.Equal(ActorRole.Target, RoleOf(e, "iran_backed_militias"));
    }

    [Fact]
    public void Arabic_passive_exposure_to_attack_makes_the_base_owner_the_target()
    {
        // تعرضت + subject + لقصف: the subject was attacked; مجهول المصدر is the unknown attacker.
        var e = Ar("تعرضت قاعدة عسكرية تابعة للجيش الأمريكي في حقل العمر النفطي بريف دير الزور لقصف صاروخي مجهول المصدر");
        Assert.Equal(ActorRole.Target, RoleOf(e, "us_forces"));
    }

    [Fact]
    public void Arabic_agent_phrase_after_the_attack_names_the_attacker()
    {
        // غارات ... شنتها + agent.
        var e = Ar("قُتل 18 عراقيا بغارات جوية شنتها مقاتلات التحالف الدولي على موقع لفصيل كتائب سيد الشهداء في البوكمال");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "coalition"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "hashd_al_shaabi"));
    }

    [Fact]
    public void Arabic_evacuating_or_bringing_reinforcements_makes_the_actor_the_moving_party()
    {
        var evacuation = Ar("أخلت الميليشيات الإيرانية خلال الساعات الماضية عدداً من مواقعها في مدينة الميادين بريف دير الزور");
        Assert.Equal(ActorRole.Moving, RoleOf(evacuation, "iran_backed_militias"));

        var reinforcement = Ar("استقدمت قوات التحالف الدولي تعزيزات عسكرية كبيرة إلى قاعدة حقل العمر في ريف دير الزور");
        Assert.Equal(ActorRole.Moving, RoleOf(reinforcement, "coalition"));
    }

    [Fact]
    public void English_subject_before_the_attack_verb_is_the_attacker_and_the_object_after_it_the_target()
    {
        // SVO: subject + struck, struck + object.
        var e = En("US forces struck Iran-backed militias near Al-Bukamal in eastern Deir ez-Zor on Sunday.");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "us_forces"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "iran_backed_militias"));
    }

    [Fact]
    public void English_attack_on_an_actors_base_makes_it_the_target()
    {
        // attack + on + owner's base; a base named before its noun (a US military base).
        var e = En("A drone attack on the coalition's base at the Conoco gas field in Deir ez-Zor caused no casualties.");
        Assert.Equal(ActorRole.Target, RoleOf(e, "coalition"));

        var hit = En("Rockets hit a US military base at the al-Omar oil field in eastern Deir ez-Zor.");
        Assert.Equal(ActorRole.Target, RoleOf(hit, "us_forces"));
    }

    [Fact]
    public void English_by_phrase_after_the_attack_names_the_attacker()
    {
        var e = En("Airstrikes carried out by Israel hit positions of Iran-backed militias in Al-Bukamal.");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "israel"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "iran_backed_militias"));
    }

    [Fact]
    public void English_bringing_in_a_convoy_makes_the_actor_the_moving_party()
    {
        var e = En("Regime forces brought in a convoy of military reinforcement to Al-Mayadeen city in eastern Deir Ezzor.");
        Assert.Equal(ActorRole.Moving, RoleOf(e, "syrian_government"));
    }

    [Fact]
    public void An_actor_merely_present_has_no_role()
    {
        // Named as the one who controls the area, not as a party to the shelling.
        var e = Ar("سقطت قذائف هاون على بلدة ذيبان في ريف دير الزور الخاضع لسيطرة قوات سوريا الديمقراطية");
        Assert.All(e.Actors, a => Assert.Null(a.Role));
    }

    [Fact]
    public void A_member_group_passes_its_role_to_its_parent_group()
    {
        var e = Ar("استهدفت كتائب حزب الله العراقي القاعدة الأمريكية في حقل العمر بريف دير الزور بصواريخ");
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "hashd_al_shaabi"));
        Assert.Equal(ActorRole.Attacker, RoleOf(e, "iran_backed_militias"));
        Assert.Equal(ActorRole.Target, RoleOf(e, "us_forces"));
    }

    [Fact]
    public void Roles_are_given_by_id_for_storage()
    {
        var e = Ar("قصفت ميليشيات موالية لإيران القاعدة العسكرية الأميركية في حقل العمر النفطي بريف دير الزور");
        Assert.Equal("attacker", e.ActorRoles["iran_backed_militias"]);
        Assert.Equal("target", e.ActorRoles["us_forces"]);
        Assert.Equal(ActorRole.Moving, ActorRoleIds.Parse("moving"));
        Assert.Null(ActorRoleIds.Parse("spectator"));
    }
}
