namespace AlertBot.Extraction.Stages;

/// <summary>Relevance: does the report tell of an incident in the watched region, and why not when it does not.</summary>
internal sealed class Relevance(ReportReading reading) : Stage(reading)
{
    /// <summary>
    /// Relevant when an incident sentence is located in the watched region (or, with no located incident, the report's
    /// foreground names only watched places); <paramref name="output"/> gets the places to report, administrative
    /// units dropped when a more specific place inside them is named.
    /// </summary>
    public bool Decide(out string? reason, out List<int> output)
    {
        output = [];
        if (!R.AnyIncident())
        {
            reason = R.HeadlineFrame is { } frame ? frame
                : R.ElsewhereNames.Count > 0
                ? IrrelevantReasons.ElsewherePrefix + string.Join(", ", R.ElsewhereNames)
                : IrrelevantReasons.NoIncident;
            return false;
        }

        var chosen = R.PlaceOrder.Where(p => Lex.Reportable[p]).ToList();
        var inRegion = chosen.Any(p => Lex.InRegion[p]);
        if (!inRegion)
        {
            if (chosen.Count > 0)
            {
                reason = IrrelevantReasons.ElsewherePrefix + string.Join(", ", chosen.Select(p => Lex.Places[p].NameEn));
                return false;
            }

            // No located incident: fall back to the places the report mentions outside background sentences.
            var mentioned = R.Resolved.Where(r => !IsBg(Ws.Entities[r.Sel].Start)).Select(r => r.Place).Distinct().ToList();
            if (mentioned.Count == 0 || !mentioned.Any(p => Lex.InRegion[p]) || mentioned.Any(p => !Lex.InRegion[p] && Lex.Reportable[p] && Lex.Places[p].Id.StartsWith("SY", StringComparison.Ordinal)))
            {
                reason = mentioned.Count == 0 ? IrrelevantReasons.NotInGazetteer : IrrelevantReasons.NotInRegion;
                return false;
            }

            foreach (var (sel, p) in R.Resolved)
            {
                if (!Lex.InRegion[p] || !Lex.Reportable[p]) continue;
                ref readonly var e = ref Ws.Entities[sel];
                R.AddPlace(p, Span(e.Start, e.End));
            }

            chosen = R.PlaceOrder.Where(p => Lex.Reportable[p]).ToList();
        }

        // Drop administrative units that contain a more specific incident place.
        foreach (var p in chosen)
        {
            if (Lex.Places[p].IsAdministrative && chosen.Any(q => q != p && Lex.Ancestors[q].Contains(p))) continue;
            output.Add(p);
        }

        reason = null;
        return true;
    }
}
