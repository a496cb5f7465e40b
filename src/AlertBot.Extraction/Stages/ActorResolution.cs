using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// Actors: alias matches in incident clauses (or the headline of a report with an incident), minus sponsors ("US-backed"),
/// agents of feared or denied attacks and Israel as a party of the Gaza war; a militia noun near an Iran word is the
/// Iran-backed militias; a member group adds its parent. The roles are in <c>ActorRoles.cs</c> (the same stage).
/// </summary>
internal sealed partial class ActorResolution(ReportReading reading) : Stage(reading)
{
    public void Reset() => ResetRoles();

    /// <summary>The actors named in incident clauses or in the headline, each voting for its role; groups implied by members.</summary>
    public void Run()
    {
        for (var k = 0; k < Ws.EntityCount; k++)
        {
            ref readonly var e = ref Ws.Entities[k];
            if (e.Entry.Kind != EntryKind.Actor) continue;
            if (!InIncident(e.Start) && !HeadlineParty(e.Start)) continue;
            if (e.Entry.Value == Lex.IsraelIndex && NearGazaWar(e.Start)) continue;
            ref readonly var first = ref Tok[e.Start];
            if (first.Kind == TokenKind.Latin && Buf.Key(first).Length <= 3 && e.Start == e.End && !IsUpper(first)) continue;
            if (InIdiom(e.Start, e.End)) continue;
            if (e.Entry.Value != Lex.IranBackedIndex && IsSponsor(e.Start, e.End)) continue;
            if (AgentOfHypothetical(e.Start)) continue;
            R.AddActor(e.Entry.Value, Span(e.Start, e.End));
            VoteRole(e.Entry.Value, e.Start, e.End);
        }

        // Militia noun near an Iran word: Iran-backed militias (الميليشيات الإيرانية، فصائل موالية لإيران، Iran-backed groups).
        var ibm = Lex.IranBackedIndex;
        for (var t = 0; t < Buf.Count; t++)
        {
            if (!Has(t, Cue.MilitiaNoun) || !InIncident(t)) continue;
            for (var j = Math.Max(0, t - 3); j <= Math.Min(Buf.Count - 1, t + 4); j++)
            {
                if (j != t && Has(j, Cue.IranWord) && Tok[j].Sentence == Tok[t].Sentence)
                {
                    R.AddActor(ibm, Span(Math.Min(t, j), Math.Max(Ws.CueEnd[t], Ws.CueEnd[j])));
                    VoteRole(ibm, Math.Min(t, j), Math.Max(Ws.CueEnd[t], Ws.CueEnd[j]));
                    break;
                }
            }
        }

        // A member group implies its parent group.
        foreach (var a in R.ActorOrder.ToArray())
        {
            if (Lex.ActorParent[a] is var parent and >= 0)
            {
                if (!R.Actors.ContainsKey(parent))
                {
                    R.Actors[parent] = R.RentSpanList();
                    R.ActorOrder.Add(parent);
                }

                InheritRole(parent, a);
            }
        }
    }

    /// <summary>The headline names the parties of the report's incident even when its verb is not a trigger
    /// (قوة من الحشد الشعبي تدخل البوكمال).</summary>
    private bool HeadlineParty(int start)
    {
        if (Tok[start].Part != TextPart.Title || IsBg(start)) return false;
        var s = Tok[start].Sentence;
        for (var j = SentStart(s); j < SentEnd(s); j++)
        {
            if (Has(j, Cue.Negation) || Has(j, Cue.GazaWar)) return false;
        }

        for (var k = 0; k < R.SentenceCount; k++)
        {
            if (R.Incident[k]) return true;
        }

        return false;
    }

    /// <summary>"US-backed forces", "المدعومة أمريكياً": the actor is named as a sponsor of another, not as a party.</summary>
    private bool IsSponsor(int start, int end)
    {
        if (end + 1 < Buf.Count && Tok[end + 1].Sentence == Tok[end].Sentence && Tok[end + 1].Kind == TokenKind.Latin && Has(end + 1, Cue.Backer)) return true;
        for (var j = Math.Max(0, start - 3); j < start; j++)
        {
            if (Has(j, Cue.Backer) && Ws.CueEnd[j] == start - 1 && Tok[j].Kind == TokenKind.Arabic) return true;
        }

        return false;
    }

    /// <summary>"fear of strikes by Israel", "خوفا من قصف إسرائيلي": the agent of a feared or denied attack.</summary>
    private bool AgentOfHypothetical(int start)
    {
        var s = Tok[start].Sentence;
        for (var j = start - 1; j >= Math.Max(0, start - 4) && Tok[j].Sentence == s; j--)
        {
            if ((IsTriggerAt(j) || Has(j, Cue.AttackVerb) || Has(j, Cue.StrikeNoun)) && Negated(j, SentStart(s))) return true;
        }

        return false;
    }

    /// <summary>"a coalition of tribes": the alias is a common noun inside an idiom of the lexicon that runs past it.</summary>
    private bool InIdiom(int start, int end)
    {
        for (var j = Math.Max(0, start - 1); j <= start; j++)
        {
            if (Has(j, Cue.Hedge) && Ws.CueEnd[j] > end) return true;
        }

        return false;
    }
}
