namespace AlertBot.Extraction.Tests.Stages;

/// <summary>Segmentation: a sentence's foreground cut into clauses at clause conjunctions.</summary>
public class SegmentationTests
{
    [Fact]
    public void Clause_conjunction_starts_a_new_clause()
    {
        // Pattern: في حين / فيما / بينما / while join two clauses, each read on its own.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في البوكمال فيما استقدمت قوات التحالف تعزيزات إلى الشدادي.");
        Assert.Equal(2, r.Clauses.Count);
        Assert.Equal("قصفت طائرات مجهولة مواقع في البوكمال", r.TextOf(r.Clauses[0].Start, r.Clauses[0].End));
        Assert.StartsWith("فيما", r.TextOf(r.Clauses[1].Start, r.Clauses[1].End));
    }

    [Fact]
    public void Background_sentence_has_no_clause()
    {
        // Pattern: a sentence all background (habitual framing) gives no clause to read.
        var r = StageReading.Ar("وتهاجم الجماعات من حين لآخر القواعد الأمريكية بالقذائف الصاروخية.");
        Assert.Empty(r.Clauses);
    }

    [Fact]
    public void Clauses_stop_at_the_background_start()
    {
        // Pattern: an aside (يذكر أن) ends the incident's part of the sentence.
        var r = StageReading.Ar("قصفت طائرات مجهولة مواقع في البوكمال، يذكر أن المنطقة تشهد توترا.");
        Assert.All(r.Clauses, c => Assert.DoesNotContain("يذكر", r.TextOf(c.Start, c.End)));
    }

    [Fact]
    public void Generic_scope_marks_its_clauses()
    {
        // Pattern: "bases in Syria and Iraq" is a generic scope, not a located incident.
        var r = StageReading.En("Iran-backed groups have carried out attacks on US bases in Syria and Iraq.");
        Assert.NotEmpty(r.Clauses);
        Assert.All(r.Clauses, c => Assert.True(c.Generic));
    }
}
