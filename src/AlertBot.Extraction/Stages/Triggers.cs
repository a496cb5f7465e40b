using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// Triggers and types: per clause, the typed triggers (negated, hypothetical, overflown or otherwise disqualified ones
/// dropped), the event types they and the clause's attack words make, and whether the clause reports an incident
/// (sets <see cref="ReportReading.Incident"/>, <see cref="ReportReading.ClauseIncident"/>, marks and relevance spans).
/// </summary>
internal sealed class Triggers(ReportReading reading) : Stage(reading)
{
    private readonly List<TextSpan>?[] _typeSpans = new List<TextSpan>?[7];
    private readonly int[] _typeOrder = new int[7];

    public void Reset()
    {
        Array.Fill(_typeOrder, int.MaxValue);
        foreach (var list in _typeSpans) list?.Clear();
    }

    /// <summary>Reads every clause of <see cref="ReportReading.Clauses"/>.</summary>
    public void Run()
    {
        foreach (var c in R.Clauses) AnalyseSegment(c.Sentence, c.Start, c.End, c.Generic);
    }

    /// <summary>The marks of sentences still incidents (after places moved some elsewhere), by type, first mention first.</summary>
    public void CollectTypes()
    {
        foreach (var (type, sentence, token, span) in R.Marks)
        {
            if (!R.Incident[sentence]) continue;
            var list = _typeSpans[type] ??= [];
            if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
            _typeOrder[type] = Math.Min(_typeOrder[type], token);
        }
    }

    /// <summary>The event types, the main (first mentioned) one first; an unqualified bombardment alone is shelling.</summary>
    public List<EventTypeHit> Types()
    {
        var types = new List<EventTypeHit>();
        foreach (var i in Enumerable.Range(0, 7).Where(i => _typeSpans[i] is { Count: > 0 }).OrderBy(i => _typeOrder[i]))
            types.Add(new EventTypeHit(EventTypes.All[i], _typeSpans[i]!.ToArray()));
        if (types.Count == 0 && FirstBombardment() is var (from, to) && from >= 0)
        {
            // A report whose only attack is an unqualified قصف (bombardment) on a located place: ground shelling.
            types.Add(new EventTypeHit(EventTypes.Shelling, [Span(from, to)]));
        }

        return types;
    }

    private (int From, int To) FirstBombardment()
    {
        for (var t = 0; t < Buf.Count; t++)
        {
            if (Has(t, Cue.Bombard) && InIncident(t) && !Negated(t, SentStart(Tok[t].Sentence))) return (t, Ws.CueEnd[t]);
        }

        return (-1, -1);
    }

    private bool CivilianAfter(int token, int segEnd)
    {
        for (var j = token + 1; j < Math.Min(segEnd, token + 4); j++)
        {
            if (Has(j, Cue.Civilian)) return true;
        }

        return false;
    }

    /// <summary>
    /// "strikes targeted a convoy", "استهداف قافلة", "air strikes on a 10-truck convoy": the convoy is the attack's
    /// target, not an arrival (an attack word ending within five words before it).
    /// </summary>
    private bool AttackedBefore(int token, int segStart)
    {
        for (var j = token - 1; j >= Math.Max(segStart, token - 8); j--)
        {
            if ((Has(j, Cue.AttackVerb) || Has(j, Cue.StrikeNoun)) && Ws.CueEnd[j] >= token - 5) return true;
        }

        return false;
    }

    /// <summary>
    /// "the convoy", "الرتل" after a convoy or reinforcement already named: a definite noun refers back to it and is
    /// read as it was (an arrival only when an earlier mention was one; a convoy struck stays a target).
    /// </summary>
    /// <summary>
    /// "targeted an ISIS gathering", "مواقع داعش", "strikes on ISIS positions": the actor named right after an attack
    /// word or a place of its own that was hit is the target, not the one fighting.
    /// </summary>
    private bool TargetOwner(int actorStart, int segStart)
    {
        for (var j = actorStart - 1; j >= Math.Max(segStart, actorStart - 3); j--)
        {
            if (Has(j, Cue.AttackVerb) || Has(j, Cue.StrikeNoun) || Has(j, Cue.Base) || Has(j, Cue.Facility) || Has(j, Cue.Bombard)) return true;
        }

        return false;
    }

    private bool IncidentBefore(int sentence)
    {
        for (var s = 0; s <= sentence; s++)
        {
            if (R.Incident[s]) return true;
        }

        return false;
    }

    private bool MovementMarked()
    {
        foreach (var m in R.Marks)
        {
            if (m.Type == 5) return true;
        }

        return false;
    }

    private bool RefersBackToMovement(int k)
    {
        ref readonly var c = ref Ws.Cues[k];
        var definite = Tok[c.Start].Kind == TokenKind.Latin
            ? R.OriginalIs(c.Start - 1, "the")
            : Tok[c.Start].Kind == TokenKind.Arabic && HasArticle(Buf.Key(c.Start));
        if (!definite) return false;
        for (var j = k - 1; j >= 0; j--)
        {
            if (Ws.Cues[j].Entry.Kind == EntryKind.Trigger && Ws.Cues[j].Entry.Value == 5) return true;
        }

        return false;
    }

    private bool LauncherBefore(int token, int segStart)
    {
        for (var j = token - 1; j >= Math.Max(segStart, token - 3); j--)
        {
            if (Has(j, Cue.Launcher)) return true;
        }

        return false;
    }

    /// <summary>The clause [start, end) of sentence s: its typed triggers and whether it reports an incident.</summary>
    private void AnalyseSegment(int s, int start, int end, bool generic)
    {
        Span<bool> typed = stackalloc bool[7];
        Span<int> typedAt = stackalloc int[7];
        var attackAt = -1;
        var otherAt = -1;
        var aircraftAt = -1;
        var droneAt = -1;
        var baseCue = false;
        var ground = false;
        var groundAttacker = false;
        var moveAt = -1;
        var facilityAfterMove = false;
        var israel = false;
        var bombard = false;
        var strikeAt = -1;
        var seaLaunch = false;
        var continuesIncident = false;
        var cues = Ws.Cues;
        for (var k = LowerBound(cues, Ws.CueCount, start); k < Ws.CueCount; k++)
        {
            ref readonly var c = ref cues[k];
            if (c.Start >= end) break;
            if (c.Entry.Kind == EntryKind.Trigger)
            {
                var type = c.Entry.Value;
                if (Negated(c.Start, start)) continue;
                if (type == 1 && LauncherBefore(c.Start, start)) continue;
                if (type == 4 && CivilianAfter(c.End, end)) continue;
                if (type == 0 && IsDefiniteShells(c.Start)) continue;
                if (type == 5 && Tok[c.Start].Kind == TokenKind.Latin && Has(c.Start - 1, Cue.Stative)) continue;
                if (type == 5 && AttackedBefore(c.Start, start)) continue;
                if (type == 5 && RefersBackToMovement(k) && !MovementMarked())
                {
                    // the convoy already named as a target: this clause goes on about the incident, with no type of its own
                    continuesIncident = IncidentBefore(s);
                    continue;
                }

                if (!typed[type])
                {
                    typed[type] = true;
                    typedAt[type] = k;
                }
            }
        }

        for (var t = start; t < end; t++)
        {
            var m = Ws.CueMask[t];
            if (m == 0) continue;
            if (Has(t, Cue.AttackVerb) && !Negated(t, start) && attackAt < 0) attackAt = t;
            if (Has(t, Cue.IncidentOther) && !Negated(t, start) && otherAt < 0) otherAt = t;
            if (Has(t, Cue.Aircraft) && !Overflown(t, start) && !Negated(t, start) && aircraftAt < 0) aircraftAt = t;
            if (Has(t, Cue.Drone) && !Overflown(t, start) && droneAt < 0) droneAt = t;
            if (Has(t, Cue.SeaLaunch)) seaLaunch = true;
            if (Has(t, Cue.Base)) baseCue = true;
            if (Has(t, Cue.Bombard) && !Negated(t, start)) bombard = true;
            if (Has(t, Cue.StrikeNoun) && !Negated(t, start) && strikeAt < 0) strikeAt = t;
            if (Has(t, Cue.GroundAttacker) || Has(t, Cue.GroundTarget)) ground = true;
            if (Has(t, Cue.GroundAttacker)) groundAttacker = true;
            if (Has(t, Cue.Move) && moveAt < 0) moveAt = t;
            if (moveAt >= 0 && t > moveAt && t <= moveAt + 4 && Has(t, Cue.Facility)) facilityAfterMove = true;
        }

        for (var k = LowerBound(Ws.Entities, Ws.EntityCount, start); k < Ws.EntityCount; k++)
        {
            ref readonly var e = ref Ws.Entities[k];
            if (e.Start >= end) break;
            if (e.Entry.Kind == EntryKind.Actor && e.Entry.Value == Lex.IsraelIndex && !NearGazaWar(e.Start)) israel = true;
            if (e.Entry.Kind == EntryKind.Actor && e.Entry.Value == Lex.IsisIndex && !TargetOwner(e.Start, start))
                ground = groundAttacker = true; // ISIS cells fight on the ground (when they attack, not when hit)
        }

        var any = false;
        var marksBefore = R.Marks.Count;
        void Mark(int type, int from, int to)
        {
            any = true;
            R.Marks.Add((type, s, from, Span(from, to)));
        }

        // Aircraft / drones are attacks only with an attack verb (an overflight is not an attack).
        var hasAttack = attackAt >= 0;
        // Aircraft firing missiles (طائرات حربية أطلقت صواريخ) strike from the air even without an attack verb.
        if (aircraftAt >= 0 && (hasAttack || typed[3] || (typed[1] && cues[typedAt[1]].Start > aircraftAt))) Mark(3, aircraftAt, Ws.CueEnd[aircraftAt]);
        if (droneAt >= 0 && hasAttack) Mark(2, droneAt, Ws.CueEnd[droneAt]);
        // Missiles in a clause whose actor is an aircraft or a drone were fired from the air.
        var airborne = typed[3] || aircraftAt >= 0 || (typed[1] && droneAt >= 0 && attackAt > droneAt && attackAt < cues[typedAt[1]].Start);
        for (var type = 0; type < 7; type++)
        {
            if (!typed[type]) continue;
            if (type == 1 && (airborne || seaLaunch)) continue; // missiles fired by aircraft or from the sea
            ref readonly var c = ref cues[typedAt[type]];
            Mark(type, c.Start, c.End);
        }

        if (moveAt >= 0 && facilityAfterMove && !Negated(moveAt, start)) Mark(4, moveAt, Ws.CueEnd[moveAt]);

        // An attack whose weapon is not named: Israeli attacks are air raids, gunmen fight on the ground,
        // a bombarded base is hit by rockets.
        var weaponNamed = typed[0] || typed[1] || typed[2] || typed[3] || typed[6] || (aircraftAt >= 0 && hasAttack) || (droneAt >= 0 && hasAttack);
        if (!weaponNamed && hasAttack)
        {
            if (israel) Mark(3, attackAt, Ws.CueEnd[attackAt]);
            else if (strikeAt >= 0) Mark(3, strikeAt, Ws.CueEnd[strikeAt]); // "US strikes", ضربات: air strikes
            else if (ground && (groundAttacker || !Has(attackAt, Cue.Bombard))) Mark(6, attackAt, Ws.CueEnd[attackAt]); // a bombarded post is not ground fighting
            else if (baseCue && bombard) Mark(1, attackAt, Ws.CueEnd[attackAt]);
        }

        if (any || hasAttack || otherAt >= 0 || continuesIncident)
        {
            if (generic && !HasPlaceIn(start, end))
            {
                // "attacks on bases in Syria and Iraq": too generic to be an incident.
                R.Marks.RemoveRange(marksBefore, R.Marks.Count - marksBefore);
                return;
            }

            R.Incident[s] = true;
            Array.Fill(R.ClauseIncident, true, start, end - start);
            var at = attackAt >= 0 ? attackAt : otherAt >= 0 ? otherAt : start;
            for (var k = marksBefore; k < R.Marks.Count; k++) R.RelevanceSpans.Add((s, R.Marks[k].Span));
            if (R.Marks.Count == marksBefore) R.RelevanceSpans.Add((s, Span(at, Math.Max(at, Ws.CueEnd[at]))));
        }
    }

    private bool IsDefiniteShells(int token)
    {
        // "القذائف" (the shells) refers back to a projectile already named; only indefinite shells are shelling.
        if (Ws.CueEnd[token] != token) return false;
        var key = Buf.Key(token);
        var o = key.Length > 0 && key[0] is '\u0648' or '\u0641' ? 1 : 0;
        if (key.Length - o > 0 && key[o] is '\u0628' or '\u0644') o++;
        if (key.Length - o < 4 || key[o] != '\u0627' || key[o + 1] != '\u0644') return false;
        var stem = key[(o + 2)..];
        return stem is "\u0642\u0630\u0627\u064A\u0641" or "\u0642\u0630\u064A\u0641\u0647";
    }

    private bool HasPlaceIn(int start, int end)
    {
        for (var k = LowerBound(Ws.Entities, Ws.EntityCount, start); k < Ws.EntityCount; k++)
        {
            ref readonly var e = ref Ws.Entities[k];
            if (e.Start >= end) break;
            if (e.Entry.Kind == EntryKind.Place && !Lex.IsCountry[e.Entry.Value >> CompiledLexicon.PlaceShift]) return true;
        }

        return false;
    }
}
