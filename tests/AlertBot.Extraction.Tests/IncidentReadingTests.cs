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

    [Fact]
    public void Tally_over_a_period_of_days_is_not_the_incident_count()
    {
        // Pattern: خلال N أيام / over the past N weeks introduces a cumulative tally, not this incident's toll.
        var e = Ar("استهدفت قسد بالأسلحة الرشاشة مواقع المسلحين في بلدة ذيبان اليوم. ووثق المرصد خلال 6 أيام من التصعيد مقتل 45 شخصاً.");
        Assert.True(e.Relevant);
        Assert.Null(e.Count("killed"));
    }

    [Fact]
    public void Place_of_the_source_is_not_the_incident_place()
    {
        // Pattern: مصادر أهلية في قرية X / activists in X: where the witnesses are, not where the attack was.
        var e = Ar("قالت مصادر أهلية في قرية حطلة إن صواريخ سقطت على قاعدة حقل العمر النفطي.");
        Assert.Contains("ES036", e.PlaceIds);
        Assert.DoesNotContain("ES020", e.PlaceIds);
    }

    [Fact]
    public void Village_name_may_drop_its_article_after_a_place_noun()
    {
        // Pattern: قرية هري for الهري — after قرية/بلدة the article of a gazetteer name is optional.
        var e = Ar("أخلت ميليشيا الحشد الشعبي مقرات في قرية هري اليوم.");
        Assert.Contains("ES059", e.PlaceIds);
    }

    [Fact]
    public void Place_naming_a_bridge_locates_the_landmark_not_the_incident()
    {
        // Pattern: جسر X / X bridge next to another place: the other place is where the incident is.
        var e = Ar("تعرضت قوات سوريا الديمقراطية لهجوم من مجموعات مسلحة قرب جسر العشارة في بلدة درنج اليوم.");
        Assert.Equal(["ES034"], e.PlaceIds);
        Assert.Contains("clash", e.EventTypeIds);
    }

    [Fact]
    public void Headline_names_the_parties_even_without_a_trigger_verb()
    {
        // Pattern: the headline states who is involved; its verb (تدخل، enters) need not be a trigger.
        var e = Ar("استقدمت الميليشيات تعزيزات عسكرية إلى مدينة البوكمال مساء أمس.", "قوة من الحشد الشعبي العراقية تدخل البوكمال");
        Assert.Contains("hashd_al_shaabi", e.ActorIds);
    }

    [Fact]
    public void Single_person_as_subject_before_the_casualty_verb_counts_one()
    {
        // Pattern: أن عنصراً من الجيش أصيب — a singular person noun then the casualty verb.
        var e = Ar("ذكرت القناة أن عنصرا من الجيش السوري أصيب جراء قصف على أطراف مدينة دير الزور اليوم.");
        Assert.Equal(1, e.Count("wounded"));
    }

    [Fact]
    public void One_of_after_the_casualty_verb_counts_one()
    {
        // Pattern: إصابة أحد العناصر / one of the fighters was wounded.
        var e = Ar("هاجمت خلية مسلحة نقطة عسكرية في بلدة ذيبان ما أسفر عن إصابة أحد العناصر.");
        Assert.Equal(1, e.Count("wounded"));
    }

    [Fact]
    public void Family_of_n_killed_counts_its_members()
    {
        // Pattern: مقتل عائلة مؤلفة من N أشخاص / a family of N killed.
        var e = Ar("أفادت مصادر بمقتل عائلة مؤلفة من 6 أشخاص في بلدة ذيبان باستهداف منزلها بطائرة مسيرة اليوم.");
        Assert.Equal(6, e.Count("killed"));
    }

    [Fact]
    public void Post_2024_government_names_are_the_syrian_government()
    {
        // Pattern: حكومة دمشق / the Damascus government name the government forces after December 2024.
        var e = Ar("قصفت قوات حكومة دمشق بلدة ذيبان بالمدفعية اليوم.");
        Assert.Contains("syrian_government", e.ActorIds);
    }

    [Fact]
    public void Convoy_as_the_target_of_a_strike_is_not_a_reinforcement()
    {
        // Pattern: an attack word before the convoy makes it the target ("strikes on a convoy"), not an arrival.
        var e = En("Unidentified aircraft conducted air strikes on a truck convoy near Albu Kamal on Sunday.");
        Assert.Equal(["airstrike"], e.EventTypeIds);
    }

    [Fact]
    public void Missiles_fired_by_warplanes_are_an_airstrike_and_not_a_rocket_count()
    {
        // Pattern: aircraft as the subject firing missiles: the missiles are the airstrike's munitions.
        var e = Ar("أطلقت طائرات حربية ثمانية صواريخ على مقر للميليشيات في مدينة البوكمال اليوم.");
        Assert.Contains("airstrike", e.EventTypeIds);
        Assert.DoesNotContain("rocket_attack", e.EventTypeIds);
        Assert.Null(e.Count("rockets"));
    }

    [Fact]
    public void Missile_depots_are_targets_not_rockets_fired()
    {
        // Pattern: stored weapons (depots for missiles, مستودع صواريخ) are what was hit, not what was fired.
        var e = En("Unidentified planes struck weapons depots for ballistic missiles near Albu Kamal on Sunday.");
        Assert.Contains("airstrike", e.EventTypeIds);
        Assert.DoesNotContain("rocket_attack", e.EventTypeIds);
    }

    [Fact]
    public void Bombarded_post_is_not_ground_fighting()
    {
        // Pattern: قصف on a checkpoint or post is bombardment; only gunmen or a ground attack make a clash.
        var e = Ar("قصفت قوات النظام نقطة عسكرية لقسد في بلدة ذيبان اليوم.");
        Assert.DoesNotContain("clash", e.EventTypeIds);
    }

    [Fact]
    public void Idiom_spread_on_social_media_is_not_a_deployment()
    {
        // Pattern: انتشرت عبر مواقع التواصل (spread online) is not انتشرت القوات (forces deployed).
        var e = Ar("استهدفت غارات جوية مواقع للميليشيات في مدينة البوكمال. وانتشرت عبر مواقع التواصل الاجتماعي مقاطع للقصف.");
        Assert.Equal(["airstrike"], e.EventTypeIds);
    }

    [Fact]
    public void Infiltration_is_ground_fighting()
    {
        // Pattern: تسلل / infiltration across the front line is a ground incursion.
        var e = Ar("تصدت قوات مجلس دير الزور العسكري لمحاولة تسلل مجموعات من قوات النظام إلى بلدة ذيبان اليوم.");
        Assert.Contains("clash", e.EventTypeIds);
    }

    [Fact]
    public void One_figure_for_killed_and_wounded_counts_neither()
    {
        // Pattern: قتل وأصيب N / killed or wounded N is a combined figure, not a death toll.
        var e = Ar("قتل وأصيب أكثر من 30 عنصراً في غارات جوية على مدينة البوكمال اليوم.");
        Assert.Null(e.Count("killed"));
        Assert.Null(e.Count("wounded"));
    }

    [Fact]
    public void Toll_update_takes_the_figure_it_rises_to()
    {
        // Pattern: ارتفعت حصيلة ضحايا … إلى N مدنياً — the figure comes at the end of a long sentence.
        var e = Ar("ارتفعت حصيلة ضحايا الغارات التي نفذتها طائرات حربية فجر اليوم على مدينة البوكمال إلى 24 مدنياً على الأقل.");
        Assert.Equal(24, e.Count("killed"));
    }

    [Fact]
    public void Number_of_strikes_reached_counts_the_strikes()
    {
        // Pattern: بلغ عدد الغارات ثماني غارات — a number word before its noun, in the incident's own sentence.
        var e = Ar("شنت طائرات أمريكية غارات جوية قرب مدينة البوكمال، حيث بلغ عدد الغارات على الأقل ثماني غارات.");
        Assert.Equal(8, e.Count("strikes"));
    }
}
