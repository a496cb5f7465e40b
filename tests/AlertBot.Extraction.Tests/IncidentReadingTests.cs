using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

/// <summary>
/// Reading the incident rather than every mention: each test names the general pattern of the language it covers
/// (background framing, hypotheticals, sponsors, datelines, places outside the region, weapons as instruments).
/// </summary>
public class IncidentReadingTests
{
    [Fact]
    public void Pluperfect_recall_of_an_earlier_attack_is_background()
    {
        // Pattern: كان/كانت … قد + verb (the pluperfect) recalls an event before the reported one.
        var e = Ar("أخلت الميليشيات الإيرانية مواقعها في مدينة البوكمال اليوم. وكانت قواعدها قد تعرضت لغارات جوية شنتها طائرات التحالف الدولي.");
        Assert.True(e.Relevant);
        Assert.Equal(["evacuation"], e.EventTypeIds);
        Assert.DoesNotContain("coalition", e.ActorIds);
    }

    [Fact]
    public void Since_a_date_starts_a_recalled_tally()
    {
        // Pattern: منذ / since followed by a date or a year: a tally of earlier attacks, not today's incident.
        var e = Ar("استهدفت طائرة مسيرة قاعدة الشدادي اليوم. ومنذ 17 تشرين الأول تعرضت القواعد الأمريكية لأكثر من 100 هجوم صاروخي.");
        Assert.Equal(["drone_attack"], e.EventTypeIds);
        Assert.Null(e.Count("rockets"));
    }

    [Fact]
    public void Feared_or_expected_attack_is_not_an_incident()
    {
        // Pattern: fear, expectation and threat (التخوف من، متوقع، potential) make the attack hypothetical.
        var ar = Ar("بدأت الميليشيات بإخلاء مواقعها في مدينة البوكمال بسبب التخوف من قصف متوقع على قاعدة الإمام علي.");
        Assert.Equal(["evacuation"], ar.EventTypeIds);
        var en = En("Iran-backed militias withdrew from positions in Albu Kamal in anticipation of potential new strikes by Israel.");
        Assert.Equal(["evacuation"], en.EventTypeIds);
        Assert.DoesNotContain("israel", en.ActorIds);
    }

    [Fact]
    public void Habitual_attacks_from_time_to_time_are_background()
    {
        // Pattern: habitual framing (من حين لآخر، from time to time) describes a trend, not an incident.
        var e = Ar("تعرضت قاعدة التنف لهجوم بطائرات مسيرة أطلقها مجهولون. وتهاجم الجماعات المدعومة من إيران من حين لآخر القواعد الأمريكية بالقذائف الصاروخية.");
        Assert.Equal(["drone_attack"], e.EventTypeIds);
        Assert.DoesNotContain("iran_backed_militias", e.ActorIds);
    }

    [Fact]
    public void Sponsor_named_with_backed_is_not_a_party()
    {
        // Pattern: "X-backed Y" names X as Y's sponsor; only Y takes part.
        var e = En("Armed clashes between the US-backed Syrian Democratic Forces and tribal fighters broke out in Dhiban on Sunday.");
        Assert.Contains("sdf", e.ActorIds);
        Assert.DoesNotContain("us_forces", e.ActorIds);
    }

    [Fact]
    public void Air_launched_missiles_are_an_airstrike_not_a_rocket_attack()
    {
        // Pattern: صواريخ جو أرض / air-to-surface missiles are fired by aircraft.
        var e = Ar("قصفت قوات النظام بصواريخ جو أرض بلدة خشام في ريف دير الزور الشرقي.");
        Assert.Contains("airstrike", e.EventTypeIds);
        Assert.DoesNotContain("rocket_attack", e.EventTypeIds);
    }

    [Fact]
    public void Weapon_named_as_an_indefinite_instrument_counts_one()
    {
        // Pattern: ب + singular indefinite weapon ("with a drone") is one of it, when no figure is given.
        var e = Ar("هاجمت قسد الجيش السوري بطائرة مسيرة على أطراف مدينة دير الزور مساء اليوم.");
        Assert.Equal(1, e.Count("drones"));
        var subject = Ar("قامت طائرة مسيرة مجهولة باستهداف مقرات الميليشيات في مدينة البوكمال اليوم.");
        Assert.Null(subject.Count("drones"));
    }

    [Fact]
    public void Dateline_city_is_not_the_incident_place()
    {
        // Pattern: "BAGHDAD (AP) —" is where the copy was filed, not where the incident happened.
        var e = En("BAGHDAD (AP) — Three overnight airstrikes near Albu Kamal in eastern Syria killed six Iran-backed militants on Saturday.");
        Assert.True(e.Relevant);
        Assert.Equal(["ES057"], e.PlaceIds);
        Assert.Equal(6, e.Count("killed"));
    }

    [Fact]
    public void Attack_located_only_outside_the_region_is_not_an_incident_here()
    {
        // Pattern: a sentence whose only places lie outside the region (Iraq, Israel) reports an incident elsewhere.
        var e = Ar("أعلنت المقاومة الإسلامية في العراق استهداف هدف حيوي في حيفا المحتلة بصاروخ كروز.");
        Assert.False(e.Relevant);
        var baghdad = En("Rockets landed in Baghdad's Green Zone near the US embassy on Tuesday.");
        Assert.False(baghdad.Relevant);
    }
}
