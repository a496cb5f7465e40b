using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

public class CountTests
{
    [Fact]
    public void Dual_rocket_noun_counts_two()
    {
        var e = Ar("سقط صاروخان على قاعدة حقل العمر النفطي بريف دير الزور الشرقي");
        Assert.Equal(2, e.Count("rockets"));
    }

    [Fact]
    public void More_than_ten_counts_ten()
    {
        var e = Ar("أطلقت الميليشيات أكثر من 10 صواريخ على القاعدة الأمريكية في حقل كونيكو");
        Assert.Equal(10, e.Count("rockets"));
    }

    [Fact]
    public void Arabic_number_words_count()
    {
        var e = Ar("قُتل ثلاثة عناصر من قوات النظام وأصيب سبعة آخرون بقصف مدفعي على بلدة الطيانة");
        Assert.Equal(3, e.Count("killed"));
        Assert.Equal(7, e.Count("wounded"));
    }

    [Fact]
    public void Arabic_indic_digits_count()
    {
        var e = Ar("شنت طائرات حربية مجهولة ١٢ غارة على مواقع الميليشيات في بادية البوكمال");
        Assert.Equal(12, e.Count("strikes"));
    }

    [Fact]
    public void Number_glued_to_a_preposition_counts()
    {
        var e = Ar("استهدفت الفصائل القاعدة الأمريكية في حقل العمر ب15 صاروخاً");
        Assert.Equal(15, e.Count("rockets"));
    }

    [Fact]
    public void Casualty_verb_followed_by_number_counts()
    {
        var e = Ar("أسفرت الغارات على مدينة الميادين عن مقتل 9 عناصر وإصابة 4 آخرين");
        Assert.Equal(9, e.Count("killed"));
        Assert.Equal(4, e.Count("wounded"));
    }

    [Fact]
    public void Single_person_after_casualty_verb_counts_one()
    {
        var e = Ar("استشهاد مدني بقصف مدفعي على قرية حطلة");
        Assert.Equal(1, e.Count("killed"));
    }

    [Fact]
    public void Toll_update_supersedes_the_first_figure()
    {
        var e = Ar("قتل 5 عناصر في غارات على البوكمال. وارتفعت حصيلة القتلى إلى 12 عنصراً بحسب المرصد.");
        Assert.Equal(12, e.Count("killed"));
    }

    [Fact]
    public void No_casualties_gives_no_count()
    {
        var e = Ar("سقطت ثلاثة صواريخ قرب قاعدة حقل العمر دون وقوع إصابات أو قتلى");
        Assert.Equal(3, e.Count("rockets"));
        Assert.Null(e.Count("killed"));
        Assert.Null(e.Count("wounded"));
    }

    [Fact]
    public void Explosions_are_not_rockets()
    {
        var e = Ar("سمع دوي أربعة انفجارات في محيط حقل العمر إثر قصف صاروخي");
        Assert.Null(e.Count("rockets"));
    }

    [Fact]
    public void English_number_before_killed_counts()
    {
        var e = En("US airstrikes on a militia depot near Mayadeen killed at least six fighters, while another source reported 10 dead.");
        Assert.Equal(6, e.Count("killed"));
    }

    [Fact]
    public void English_uncertain_pair_is_ignored()
    {
        var e = En("US helicopters struck a launch site near Mayadeen, killing two or three militants.");
        Assert.Null(e.Count("killed"));
    }

    [Fact]
    public void English_indefinite_drone_counts_one_but_a_drone_attack_does_not()
    {
        Assert.Equal(1, En("A drone was shot down over the al-Tanf garrison on Sunday.").Count("drones"));
        Assert.Null(En("A drone attack targeted the al-Tanf garrison on Sunday.").Count("drones"));
    }

    [Fact]
    public void Number_before_a_multiword_drone_name_counts()
    {
        Assert.Equal(2, En("US forces intercepted two one-way attack drones targeting the al-Tanf garrison.").Count("drones"));
    }

    [Fact]
    public void English_casualty_verb_with_a_single_person_counts_one()
    {
        Assert.Equal(1, En("Regime forces shelled al-Salihiyah village with mortars, injuring a child.").Count("wounded"));
    }

    [Fact]
    public void Durations_and_years_are_not_counts()
    {
        var e = Ar("شنت طائرات مجهولة غارات على البوكمال خلال 24 ساعة أسفرت عن مقتل عنصرين");
        Assert.Null(e.Count("strikes"));
        Assert.Equal(2, e.Count("killed"));
    }
}

public class EventTypeTests
{
    [Fact]
    public void Overflight_is_not_an_attack()
    {
        var e = Ar("حلقت طائرات مسيرة مجهولة في أجواء مدينة البوكمال طوال الليل");
        Assert.False(e.Relevant);
        Assert.DoesNotContain("drone_attack", e.EventTypeIds);
    }

    [Fact]
    public void English_overflight_is_not_an_attack()
    {
        var e = En("Coalition drones flew over al-Bukamal on Sunday; no strikes were reported.");
        Assert.DoesNotContain("drone_attack", e.EventTypeIds);
        Assert.DoesNotContain("airstrike", e.EventTypeIds);
    }

    [Fact]
    public void Drone_with_an_attack_verb_is_a_drone_attack()
    {
        var e = Ar("استهدفت طائرة مسيرة مقراً للميليشيات الإيرانية في مدينة البوكمال");
        Assert.Equal(["drone_attack"], e.EventTypeIds);
    }

    [Fact]
    public void Intercepted_drone_is_still_a_drone_attack()
    {
        var e = En("Air defences at the al-Tanf garrison intercepted a drone approaching from the east.");
        Assert.Contains("drone_attack", e.EventTypeIds);
    }

    [Fact]
    public void Civilians_fleeing_is_not_an_evacuation()
    {
        var e = Ar("نزح عشرات المدنيين من قرية الطيانة بعد قصف مدفعي استهدف البلدة");
        Assert.DoesNotContain("evacuation", e.EventTypeIds);
        Assert.Contains("shelling", e.EventTypeIds);
        var e2 = Ar("قامت فرق الدفاع المدني بإخلاء المدنيين من بلدة الشحيل بعد قصف مدفعي");
        Assert.DoesNotContain("evacuation", e2.EventTypeIds);
    }

    [Fact]
    public void Positions_evacuated_is_an_evacuation()
    {
        var e = Ar("أخلت الميليشيات الإيرانية مقراتها في مدينة الميادين ونقلت عناصرها إلى بلدة القورية");
        Assert.Equal(["evacuation"], e.EventTypeIds);
        Assert.Equal(["ES037", "ES043"], e.PlaceIds);
    }

    [Fact]
    public void Negated_withdrawal_is_not_an_evacuation()
    {
        var e = Ar("قال المرصد إنه لا يوجد أي انسحاب للميليشيات من مدينة الميادين");
        Assert.False(e.Relevant);
    }

    [Fact]
    public void Convoy_arriving_is_a_reinforcement()
    {
        var e = Ar("وصلت تعزيزات عسكرية للتحالف الدولي إلى قاعدة الشدادي قادمة من العراق");
        Assert.Equal(["reinforcement"], e.EventTypeIds);
        Assert.Equal(["ES090"], e.PlaceIds);
        Assert.Equal(["coalition"], e.ActorIds);
    }

    [Fact]
    public void Ground_fighting_is_a_clash()
    {
        var e = Ar("اندلعت اشتباكات عنيفة بين قسد ومسلحين من العشائر في بلدة ذيبان");
        Assert.Equal(["clash"], e.EventTypeIds);
        Assert.Equal(["ES031"], e.PlaceIds);
    }

    [Fact]
    public void Artillery_is_shelling_and_rockets_are_a_rocket_attack()
    {
        var e = Ar("قصفت قوات التحالف بالمدفعية الثقيلة مواقع في قرية مراط. وسقطت صواريخ على قاعدة حقل كونيكو.");
        Assert.Equal(["shelling", "rocket_attack"], e.EventTypeIds);
    }

    [Fact]
    public void Bombarded_base_without_a_named_weapon_is_a_rocket_attack()
    {
        var e = Ar("قصفت ميليشيات موالية لإيران القاعدة الأمريكية في حقل العمر النفطي");
        Assert.Equal(["rocket_attack"], e.EventTypeIds);
    }

    [Fact]
    public void Missiles_fired_by_warplanes_are_an_airstrike_not_a_rocket_attack()
    {
        var e = Ar("قصفت طائرات حربية مجهولة مواقع الميليشيات في البوكمال بعدة غارات وصواريخ");
        Assert.Equal(["airstrike"], e.EventTypeIds);
    }

    [Fact]
    public void Launchers_destroyed_are_a_target_not_a_rocket_attack()
    {
        var e = Ar("دمرت طائرات مجهولة منصات صواريخ للميليشيات في منطقة المزارع ببادية الميادين");
        Assert.Equal(["airstrike"], e.EventTypeIds);
    }

    [Fact]
    public void Israeli_attack_without_a_weapon_is_an_airstrike()
    {
        var e = Ar("أسفر عدوان إسرائيلي على محيط مدينة دير الزور عن إصابة عسكريين اثنين");
        Assert.Equal(["airstrike"], e.EventTypeIds);
        Assert.Equal(2, e.Count("wounded"));
    }

    [Fact]
    public void Small_arms_attack_is_a_clash_and_its_dual_casualties_count()
    {
        var e = Ar("استهدفت خلايا داعش حاجزاً لقسد في بلدة الشحيل بالأسلحة الرشاشة ما أدى إلى مقتل عنصرين");
        Assert.Equal(["clash"], e.EventTypeIds);
        Assert.Equal(2, e.Count("killed"));
    }

    [Fact]
    public void Attack_on_a_checkpoint_without_a_weapon_is_a_clash()
    {
        var e = En("The SDF said it repelled an ISIS attack on a checkpoint in al-Shuhayl, killing two attackers.");
        Assert.Equal(["clash"], e.EventTypeIds);
        Assert.Equal(2, e.Count("killed"));
    }

    [Fact]
    public void Landmine_blast_is_a_relevant_incident_without_a_type()
    {
        var e = En("Five civilians were killed when a landmine exploded near Hajin.");
        Assert.True(e.Relevant);
        Assert.Empty(e.EventTypes);
        Assert.Equal(5, e.Count("killed"));
    }

    [Fact]
    public void Feared_strikes_are_not_strikes()
    {
        var e = En("Iranian-backed militias evacuated their headquarters in al-Mayadin amid fears of US strikes.");
        Assert.Equal(["evacuation"], e.EventTypeIds);
        var ar = Ar("أخلت الميليشيات مقراتها في مدينة الميادين خشية استهدافها بغارات جديدة");
        Assert.Equal(["evacuation"], ar.EventTypeIds);
    }

    [Fact]
    public void Trend_over_months_is_background()
    {
        var e = En("ISIS cells increased their attacks on the Deir ez-Zor countryside in recent months.");
        Assert.False(e.Relevant);
    }

    [Fact]
    public void Unqualified_bombardment_alone_is_shelling()
    {
        Assert.Equal(["shelling"], Ar("قصفت قوات النظام قرية الصالحية الخاضعة لسيطرة قسد قرب مدينة دير الزور").EventTypeIds);
    }

    [Fact]
    public void Bare_strikes_are_air_strikes()
    {
        Assert.Equal(["airstrike"], En("US strikes hit two militia sites near Mayadeen on Sunday night.").EventTypeIds);
    }

    [Fact]
    public void Habitual_attacks_are_background()
    {
        var e = En("Iran-backed militias have repeatedly targeted the Conoco base with rockets.");
        Assert.False(e.Relevant);
    }

    [Fact]
    public void Main_event_type_comes_first()
    {
        var e = En("Rockets hit the Conoco gas field late on Friday. US forces later carried out airstrikes near Mayadeen.");
        Assert.Equal("rocket_attack", e.EventTypeIds.First());
    }
}

public class PlaceTests
{
    [Fact]
    public void Salihiyah_near_deir_ez_zor_city_is_the_city_one()
    {
        var e = Ar("استهدف قصف مدفعي قرى حطلة والصالحية والحسينية قرب مدينة دير الزور");
        Assert.Contains("ES019", e.PlaceIds);
        Assert.DoesNotContain("ES072", e.PlaceIds);
    }

    [Fact]
    public void Salihiyah_near_albu_kamal_is_the_albu_kamal_one()
    {
        var e = Ar("قصفت طائرات مجهولة مواقع في الصالحية والهري قرب البوكمال");
        Assert.Contains("ES072", e.PlaceIds);
        Assert.DoesNotContain("ES019", e.PlaceIds);
    }

    [Fact]
    public void Jafra_field_and_jafrah_village_are_told_apart()
    {
        Assert.Equal(["AB004"], Ar("استهدفت غارات مواقع في حقل الجفرة شرقي دير الزور").PlaceIds.Where(p => p != "SY09"));
        Assert.Contains("ES012", Ar("استهدفت غارات مواقع في قرية الجفرة قرب مطار دير الزور").PlaceIds);
        Assert.DoesNotContain("ES012", Ar("استهدفت غارات مواقع في حقل الجفرة شرقي دير الزور").PlaceIds);
    }

    [Fact]
    public void Al_mayadeen_tv_is_not_the_town()
    {
        var ar = Ar("ذكرت قناة الميادين أن غارات استهدفت مواقع في البوكمال");
        Assert.Equal(["ES057"], ar.PlaceIds);
        var en = En("Al-Mayadeen TV reported that airstrikes hit positions near Albu Kamal.");
        Assert.Equal(["ES057"], en.PlaceIds);
    }

    [Fact]
    public void Outlet_named_after_the_city_is_not_a_place()
    {
        var e = En("According to Deir Ezzor 24, warplanes struck a depot in Hajin.");
        Assert.Equal(["ES049"], e.PlaceIds);
    }

    [Fact]
    public void Omar_as_a_word_is_not_the_oil_field()
    {
        var word = Ar("أودى قصف مدفعي على قرية حطلة بحياة رجل تقدم في العمر");
        Assert.DoesNotContain("ES036", word.PlaceIds);
        var field = Ar("سقطت قذائف صاروخية على قاعدة حقل العمر");
        Assert.Contains("ES036", field.PlaceIds);
        var quoted = Ar("دوت انفجارات في حقل نفط «العمر» إثر استهداف صاروخي");
        Assert.Contains("ES036", quoted.PlaceIds);
    }

    [Fact]
    public void Common_word_place_needs_a_place_cue_or_a_list()
    {
        // مرات = "times"; مراط = the village.
        Assert.DoesNotContain("ES021", Ar("قصفت قوات النظام بالمدفعية بلدة خشام عدة مرات").PlaceIds);
        Assert.Contains("ES021", Ar("قصفت قوات النظام بالمدفعية قرى خشام ومراط").PlaceIds);
    }

    [Fact]
    public void Indefinite_form_of_a_definite_name_is_another_place()
    {
        // المزارع (al-Mazari') vs مزارع الحيدرية (the al-Haydariya farms, not in the gazetteer)
        Assert.DoesNotContain("ES039", Ar("استهدفت غارات جوية منطقة مزارع الحيدرية").PlaceIds);
        Assert.Contains("ES039", Ar("استهدفت غارات جوية منطقة المزارع جنوب مدينة الميادين").PlaceIds);
    }

    [Fact]
    public void Background_places_are_not_incident_places()
    {
        var e = Ar("استهدفت غارات جوية مواقع للميليشيات في البوكمال. وتعد مدينة الميادين من أكبر مدن ريف دير الزور.");
        Assert.Equal(["ES057"], e.PlaceIds);
    }

    [Fact]
    public void Historical_sentences_are_background()
    {
        var e = Ar("تجددت الاشتباكات في بلدة ذيبان. ومنذ بداية الحرب شهدت مدينة هجين معارك عنيفة.");
        Assert.Equal(["ES031"], e.PlaceIds);
    }

    [Fact]
    public void Governorate_is_dropped_when_a_place_inside_it_is_named()
    {
        var e = Ar("قصفت قوات النظام بالمدفعية بلدة الطيانة في ريف دير الزور الشرقي");
        Assert.Equal(["ES033"], e.PlaceIds);
    }

    [Fact]
    public void Bare_governorate_name_is_the_governorate_and_city_cue_is_the_city()
    {
        Assert.Equal(["SY09"], Ar("شنت طائرات مجهولة غارات على مواقع في ريف دير الزور").PlaceIds);
        Assert.Equal(["ES001"], Ar("شنت طائرات مجهولة غارات على مواقع في مدينة دير الزور").PlaceIds);
    }

    [Fact]
    public void Direction_reference_point_is_not_an_incident_place()
    {
        var e = Ar("استهدفت غارات جوية مواقع في بلدة الطيانة شرقي الميادين");
        Assert.Equal(["ES033"], e.PlaceIds);
    }

    [Fact]
    public void Walid_crossing_is_resolved_by_nearby_places()
    {
        var e = Ar("دخلت قافلة للتحالف الدولي من معبر الوليد الحدودي مع إقليم كردستان واتجهت إلى قاعدة رميلان");
        Assert.Contains("ES089", e.PlaceIds);
        Assert.DoesNotContain("ES088", e.PlaceIds);
    }

    [Fact]
    public void Shared_name_of_governorate_and_city_still_anchors_disambiguation()
    {
        var e = Ar("دخل رتل للقوات الأمريكية يضم 40 آلية من معبر الوليد باتجاه قواعدها في ريف الحسكة");
        Assert.Equal(["ES089"], e.PlaceIds);
    }

    [Fact]
    public void English_place_names_must_be_capitalised()
    {
        var e = En("Warplanes struck positions near Hajin, said a source in the heri market.");
        Assert.Equal(["ES049"], e.PlaceIds);
    }
}

public class ActorTests
{
    [Fact]
    public void Iraqi_hezbollah_is_hashd_not_hezbollah()
    {
        var e = Ar("استهدفت مسيرة موقعاً لميليشيا حزب الله العراقي في البوكمال");
        Assert.Contains("hashd_al_shaabi", e.ActorIds);
        Assert.DoesNotContain("hezbollah", e.ActorIds);
    }

    [Fact]
    public void Hezbollah_alone_is_hezbollah()
    {
        var e = Ar("استهدفت مسيرة موقعاً لحزب الله في البوكمال");
        Assert.Contains("hezbollah", e.ActorIds);
    }

    [Fact]
    public void Member_militia_implies_the_iran_backed_group()
    {
        var e = Ar("شنت طائرات حربية غارات على مقرات الحرس الثوري في الميادين");
        Assert.Equal(["irgc", "iran_backed_militias"], e.ActorIds.Where(a => a != "unknown"));
    }

    [Theory]
    [InlineData("استهدفت الميليشيات الإيرانية قاعدة حقل العمر بالصواريخ")]
    [InlineData("استهدفت ميليشيات موالية لإيران قاعدة حقل العمر بالصواريخ")]
    [InlineData("استهدفت الفصائل المدعومة إيرانياً قاعدة حقل العمر بالصواريخ")]
    [InlineData("استهدفت مجموعات مقربة من طهران قاعدة حقل العمر بالصواريخ")]
    public void Many_forms_of_iran_backed_militias_are_recognised(string text)
    {
        Assert.Contains("iran_backed_militias", Ar(text).ActorIds);
    }

    [Fact]
    public void English_iran_backed_forms_are_recognised()
    {
        Assert.Contains("iran_backed_militias", En("Iran-backed militias fired rockets at the Conoco gas field.").ActorIds);
        Assert.Contains("iran_backed_militias", En("Militias backed by Iran fired rockets at the Conoco gas field.").ActorIds);
    }

    [Fact]
    public void Arabic_actor_aliases_are_recognised()
    {
        var e = Ar("اندلعت اشتباكات بين قسد وقوات النظام في بلدة الصالحية بينما قصف التحالف الدولي مواقع لداعش في الباغوز بغارات جوية");
        Assert.Contains("sdf", e.ActorIds);
        Assert.Contains("syrian_government", e.ActorIds);
        Assert.Contains("coalition", e.ActorIds);
        Assert.Contains("isis", e.ActorIds);
    }

    [Fact]
    public void Us_needs_capitals_and_us_pronoun_is_not_us_forces()
    {
        Assert.Contains("us_forces", En("US forces struck a depot near Mayadeen.").ActorIds);
        Assert.DoesNotContain("us_forces", En("A witness told us that warplanes struck a depot near Mayadeen.").ActorIds);
    }

    [Fact]
    public void Russian_air_force_is_counted_on_the_government_side()
    {
        Assert.Contains("syrian_government", En("Russian warplanes bombed ISIS hideouts near al-Shoula.").ActorIds);
        Assert.Contains("syrian_government", Ar("شن الطيران الروسي غارات على بلدة الشولا").ActorIds);
    }

    [Fact]
    public void Israel_named_as_a_gaza_war_party_is_not_an_actor_here()
    {
        var e = Ar("سقطت صواريخ على قاعدة التنف مع استمرار الحرب بين إسرائيل وحماس");
        Assert.DoesNotContain("israel", e.ActorIds);
    }

    [Fact]
    public void Hedged_israeli_attribution_still_counts()
    {
        var e = Ar("شنت طائرات يرجح أنها إسرائيلية غارات على مواقع في البوكمال");
        Assert.Contains("israel", e.ActorIds);
    }
}

public class RelevanceTests
{
    [Fact]
    public void Incident_elsewhere_in_syria_is_not_relevant()
    {
        var e = Ar("قتلى وجرحى بقصف مدفعي لقوات النظام على بلدات في ريف إدلب الجنوبي");
        Assert.False(e.Relevant);
        Assert.Contains("outside the watched region", e.IrrelevantReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Commentary_without_an_incident_is_not_relevant()
    {
        var e = Ar("يعاني أهالي دير الزور من ارتفاع أسعار الخبز في مناطق سيطرة قسد والميليشيات الإيرانية");
        Assert.False(e.Relevant);
        Assert.Empty(e.EventTypes);
    }

    [Fact]
    public void Encyclopedic_history_is_not_relevant()
    {
        var e = En("Hajin is a small city in eastern Syria. It was captured by the SDF in 2018 after heavy clashes and airstrikes.");
        Assert.False(e.Relevant);
    }

    [Fact]
    public void Idioms_and_political_slogans_are_not_attacks()
    {
        Assert.False(En("The council opened a water project in al-Mayadin, a town hit hard by shortages.").Relevant);
        Assert.False(Ar("طالب المتظاهرون في مدينة البصيرة بإسقاط النظام").Relevant);
        Assert.False(Ar("أطلقت مديرية الزراعة حملة لدعم الفلاحين في مدينة الميادين").Relevant);
    }

    [Fact]
    public void Tanf_incident_is_relevant_even_though_tanf_is_in_homs()
    {
        var e = En("A drone attack targeted the al-Tanf garrison on Wednesday.");
        Assert.True(e.Relevant);
        Assert.Equal(["ES086"], e.PlaceIds);
    }

    [Fact]
    public void Empty_text_is_not_relevant_and_says_why()
    {
        var e = Ar("");
        Assert.False(e.Relevant);
        Assert.Equal("empty text", e.IrrelevantReason);
    }

    [Fact]
    public void Relevant_result_points_at_its_evidence()
    {
        var report = new ReportText(null, "شنت طائرات مجهولة غارات على مواقع في البوكمال", "ar", Published);
        var e = Extractor.Extract(report);
        Assert.True(e.Relevant);
        Assert.NotEmpty(e.RelevanceSpans);
    }
}

public class DateTests
{
    [Fact]
    public void Yesterday_is_the_day_before_publication()
    {
        var e = Ar("قصفت الميليشيات أمس القاعدة الأمريكية في حقل العمر");
        Assert.Equal(new DateOnly(2024, 7, 27), e.EventDate);
    }

    [Fact]
    public void Night_of_friday_to_saturday_is_the_friday()
    {
        var e = Ar("انطلقت صواريخ ليل الجمعة / السبت باتجاه قاعدة كونيكو");
        Assert.Equal(new DateOnly(2024, 7, 26), e.EventDate);
    }

    [Fact]
    public void Today_is_the_publication_date()
    {
        var e = Ar("شنت طائرات مجهولة فجر اليوم غارات على مواقع في البوكمال");
        Assert.Equal(new DateOnly(2024, 7, 28), e.EventDate);
    }

    [Fact]
    public void Explicit_day_and_month_take_the_publication_year()
    {
        var e = Ar("نفذت طائرات مجهولة مساء الأحد 8 أيلول غارات على مواقع في البوكمال",
            title: null);
        Assert.Equal(new DateOnly(2024, 7, 28), e.EventDate); // the weekday comes first and resolves against publication
        var e2 = Extractor.Extract(new ReportText(null, "نفذت طائرات مجهولة في 8 أيلول غارات على مواقع في البوكمال", "ar", new DateTimeOffset(2019, 9, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2019, 9, 8), e2.EventDate);
    }

    [Fact]
    public void Late_last_year_full_date_is_not_history_but_an_older_year_is()
    {
        var published = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var recent = Extractor.Extract(new ReportText(null, "شنت طائرات مجهولة غارات على البوكمال في 30 كانون الأول 2023", "ar", published));
        Assert.True(recent.Relevant);
        Assert.Equal(new DateOnly(2023, 12, 30), recent.EventDate);
        var old = Extractor.Extract(new ReportText(null, "شنت طائرات مجهولة غارات على البوكمال في عام 2019", "ar", published));
        Assert.False(old.Relevant);
    }

    [Fact]
    public void Number_two_is_not_monday()
    {
        var e = Ar("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الميادين ما أسفر عن مقتل عنصر وإصابة اثنين");
        Assert.Null(e.EventDate);
        Assert.Equal(2, e.Count("wounded"));
        Assert.Equal(new DateOnly(2024, 7, 22), Ar("انفجرت عبوة ناسفة يوم الاثنين في مدينة الميادين").EventDate);
    }

    [Fact]
    public void Without_publication_date_relative_words_give_no_date()
    {
        var e = Extractor.Extract(new ReportText(null, "قصفت الميليشيات أمس القاعدة الأمريكية في حقل العمر", "ar", null));
        Assert.Null(e.EventDate);
    }
}

public class MunitionCountTests
{
    [Fact]
    public void Two_missiles_fired_by_aircraft_are_not_counted_as_rockets()
    {
        var e = Extractor.Extract(new ReportText(null, "استهدف الطيران بصاروخين موقعا عسكريا للميليشيات في البوكمال فجر اليوم، ما أدى لمقتل عنصرين.", "ar", Published));
        Assert.Null(e.Count("rockets"));
        Assert.Equal(2, e.Count("killed"));
    }

    [Fact]
    public void A_range_of_rockets_counts_its_lower_end()
    {
        var e = Extractor.Extract(new ReportText(null, "قال مصدر إن ما بين 7 إلى 10 صواريخ سقطت في قاعدة حقل العمر مساء اليوم.", "ar", Published));
        Assert.Equal(7, e.Count("rockets"));
    }
}

public class SpanTests
{
    [Fact]
    public void Spans_point_into_the_original_text()
    {
        var report = new ReportText(null, "وأفادت مصادر محلّية بأن «قسد» قصفت بقذائف الهاون بلدةَ ذيبان، ما أدّى إلى مقتل ٣ مدنيين.", "ar", Published);
        var e = Extractor.Extract(report);
        Assert.Equal("ذيبان", report.SpanText(e.Places.Single().Spans[0]));
        Assert.Equal("قسد", report.SpanText(e.Actors.Single(a => a.Actor.Id == "sdf").Spans[0]));
        Assert.Equal("بقذائف الهاون", report.SpanText(e.EventTypes.Single().Spans[0]));
        Assert.EndsWith("مقتل ٣", report.SpanText(e.Counts.Single(c => c.Key == "killed").Spans[0]), StringComparison.Ordinal);
        Assert.Equal(3, e.Count("killed"));
    }

    [Fact]
    public void Title_spans_are_marked_as_title()
    {
        var report = new ReportText("غارات على البوكمال", "شنت طائرات حربية مجهولة غارات على مواقع للميليشيات في مدينة البوكمال.", "ar", Published);
        var e = Extractor.Extract(report);
        var spans = e.Places.Single().Spans;
        Assert.Contains(spans, s => s.Part == TextPart.Title && report.SpanText(s) == "البوكمال");
        Assert.Contains(spans, s => s.Part == TextPart.Body && report.SpanText(s).EndsWith("البوكمال", StringComparison.Ordinal));
    }
}

public class ConcurrencyTests
{
    [Fact]
    public void Results_do_not_depend_on_what_was_extracted_before_on_the_thread()
    {
        string[] texts =
        [
            "سقط صاروخان على قاعدة حقل العمر النفطي",
            "حلقت طائرات مسيرة في أجواء البوكمال",
            "Iran-backed militia fired three rockets at the Conoco gas field.",
            "اشتباكات بين قسد والعشائر في ذيبان أسفرت عن مقتل 4",
        ];
        var first = texts.Select(t => Describe(Ar(t))).ToArray();
        var again = texts.Reverse().Select(t => Describe(Ar(t))).Reverse().ToArray();
        Assert.Equal(first, again);
    }

    [Fact]
    public void Parallel_extraction_matches_sequential()
    {
        var texts = Enumerable.Range(0, 200).Select(i => i % 3 == 0
            ? $"أطلقت الميليشيات {i + 1} صواريخ على حقل كونيكو"
            : i % 3 == 1 ? $"US airstrikes near Mayadeen killed {i + 1} militants." : "حلقت طائرات في أجواء هجين").ToArray();
        var sequential = texts.Select(t => Describe(Ar(t))).ToArray();
        var parallel = new string[texts.Length];
        Parallel.For(0, texts.Length, i => parallel[i] = Describe(Ar(texts[i])));
        Assert.Equal(sequential, parallel);
    }

    private static string Describe(Extraction e) =>
        $"{e.Relevant}|{string.Join(',', e.EventTypeIds)}|{string.Join(',', e.PlaceIds)}|{string.Join(',', e.ActorIds)}|{string.Join(',', e.Counts.Select(c => c.Key + "=" + c.Value))}";
}
