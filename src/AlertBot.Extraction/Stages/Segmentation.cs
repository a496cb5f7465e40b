namespace AlertBot.Extraction.Stages;

/// <summary>
/// Segmentation: each sentence's foreground (up to its background start) is cut into clauses at the clause
/// conjunctions (في حين، فيما، بينما، while); a sentence that speaks of a generic scope ("attacks on bases in Syria and
/// Iraq") marks its clauses generic. Sentences and clause marks themselves come from the tokenizer.
/// </summary>
internal sealed class Segmentation(ReportReading reading) : Stage(reading)
{
    public void Run()
    {
        for (var s = 0; s < R.SentenceCount; s++)
        {
            var start = SentStart(s);
            if (start < 0) continue;
            var bgFrom = R.BackgroundFrom[s];
            if (bgFrom <= start) continue;
            var end = Math.Min(SentEnd(s), bgFrom);
            var generic = false;
            for (var t = start; t < end; t++)
            {
                if (Has(t, Cue.GenericScope)) generic = true;
            }

            var segStart = start;
            for (var t = start; t <= end; t++)
            {
                if (t == end || (t > segStart && Has(t, Cue.ClauseJoin)))
                {
                    R.Clauses.Add(new Clause(s, segStart, t, generic));
                    segStart = t;
                }
            }
        }
    }
}
