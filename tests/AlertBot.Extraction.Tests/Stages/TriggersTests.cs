namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Triggers and types: which clauses report an incident, and of which types.</summary>
public class TriggersTests
{
    [Fact]
    public void Typed_trigger_marks_its_sentence_an_incident()
    {
        // Pattern: a typed trigger (غارات جوية) in the foreground makes its sentence an incident of that type.
        var r = StageReading.Ar("شنت طائرات مجهولة غارات جوية على مواقع في البوكمال. ويعاني السكان من نقص الخدمات.");
        Assert.True(r.Incident[0]);
        Assert.False(r.Incident[1]);
        Assert.Equal(["airstrike"], r.MarkedTypes());
    }

    [Fact]
    public void Overflight_is_not_an_attack()
    {
        // Pattern: an aircraft after an overflight word (تحليق، استطلاع) is watching, not striking.
        var r = StageReading.Ar("شهدت أجواء البوكمال تحليقا مكثفا لطائرات الاستطلاع.");
        Assert.False(r.Incident[0]);
        Assert.Empty(r.Marks);
    }

    [Fact]
    public void Negated_trigger_is_dropped()
    {
        // Pattern: a negation within three words before the trigger (لا يوجد أي انسحاب) cancels it.
        var r = StageReading.Ar("أكدت المصادر أنه لا يوجد أي انسحاب من مواقع الميليشيات في البوكمال.");
        Assert.DoesNotContain("evacuation", r.MarkedTypes());
    }

    [Fact]
    public void Unnamed_weapon_of_an_israeli_attack_is_an_airstrike()
    {
        // Pattern: an attack with no weapon named takes its type from the actor: Israel strikes from the air.
        var r = StageReading.Ar("استهدفت إسرائيل مواقع للميليشيات في البوكمال.");
        Assert.Equal(["airstrike"], r.MarkedTypes());
    }

    [Fact]
    public void Each_clause_is_typed_on_its_own()
    {
        // Pattern: two clauses joined by فيما report two events; each keeps its own type.
        var r = StageReading.Ar("قصفت مدفعية قسد قرية الصبحة فيما استقدمت قوات التحالف تعزيزات عسكرية إلى الشدادي.");
        Assert.Equal(["shelling", "reinforcement"], r.MarkedTypes());
        Assert.Equal(2, r.Clauses.Count);
        Assert.All(r.Marks, m => Assert.Equal(0, m.Sentence));
    }

    [Fact]
    public void Convoy_struck_by_air_strikes_is_a_target_not_an_arrival()
    {
        // Pattern: an attack word ending within five words before "convoy" (air strikes on a 10-truck convoy).
        var r = StageReading.En("An unidentified aircraft conducted multiple air strikes on a 10-truck convoy near Al Bukamal on Sunday night.");
        Assert.Equal(["airstrike"], r.MarkedTypes());
    }

    [Fact]
    public void Definite_convoy_refers_back_and_is_read_as_its_first_mention()
    {
        // Pattern: "the convoy" after a convoy already named is the same convoy: a target stays a target, and its
        // sentence goes on about the incident (its place is the incident's).
        var r = StageReading.En("Aircraft struck a convoy near Al Bukamal on Sunday night. The convoy had crossed from Iraq through the Albu Kamal border crossing.");
        Assert.DoesNotContain("reinforcement", r.MarkedTypes());
        Assert.True(r.Incident[1]);
        Assert.Contains("ES058", r.PlaceIds());
    }

    [Fact]
    public void Definite_convoy_after_an_arrival_is_still_the_arrival()
    {
        // Pattern: the same anaphor after an arriving convoy keeps the arrival (its first mention decides).
        var r = StageReading.En("A US convoy arrived at the Omar oil field base today. The convoy came from Shaddadi.");
        Assert.Contains("reinforcement", r.MarkedTypes());
        Assert.True(r.Incident[1]);
    }

    [Fact]
    public void Every_cue_has_a_bit_of_its_own()
    {
        // A linguist adding a cue list must not shadow another cue or the trigger bit: values 0–62 and 64–127.
        var values = Enum.GetValues<Cue>().Select(c => (int)c).ToArray();
        Assert.Equal(values.Length, values.Distinct().Count());
        Assert.All(values, v => Assert.True(v is >= 0 and < 128 && v != AlertBot.Extraction.Stages.Workspace.TriggerBit, $"cue value {v}"));
    }

    [Fact]
    public void Isis_hit_is_a_target_not_ground_fighting()
    {
        // Pattern: ISIS named right after the attack word or as the owner of what was hit ("targeted an ISIS
        // gathering", مواقع داعش) is the target; only ISIS attacking makes an unnamed-weapon attack ground fighting.
        var hit = StageReading.En("The coalition targeted an ISIS gathering near Albu Kamal today.");
        Assert.DoesNotContain("clash", hit.MarkedTypes());
        var attacking = StageReading.En("ISIS cells attacked an SDF checkpoint in Dhiban today.");
        Assert.Equal(["clash"], attacking.MarkedTypes());
    }
}
