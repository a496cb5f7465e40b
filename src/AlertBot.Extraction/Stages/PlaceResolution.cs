using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// Places: which gazetteer names are places here (not outlets, datelines, sources, common words, fields), which of
/// several same-named places is meant (cues, then distance to the places pinned down nearby), which sentences happen
/// elsewhere, and which places are the incident's rather than reference points (directions, landmarks).
/// </summary>
internal sealed class PlaceResolution(ReportReading reading) : Stage(reading)
{
    private readonly List<(int Sentence, int Place)> _anchors = [];
    private readonly List<int> _heads = [];

    public void Reset()
    {
        _anchors.Clear();
        _heads.Clear();
    }

    /// <summary>
    /// Accepts and resolves every place mention (<see cref="ReportReading.Resolved"/>), turns sentences located only in
    /// other Syrian governorates into background, and adds the incident clauses' places that are not reference points.
    /// </summary>
    public void Run()
    {
        // Pass 1: unambiguous places (anchors for geographic disambiguation).
        var anchors = _anchors;
        var heads = _heads;
        for (var k = 0; k < Ws.EntityCount; k++)
        {
            ref readonly var e = ref Ws.Entities[k];
            if (e.Entry.Kind != EntryKind.Place) continue;
            if (k > 0 && Ws.Entities[k - 1].Entry.Kind == EntryKind.Place && Ws.Entities[k - 1].Start == e.Start) continue;
            if (!Accept(k)) continue;
            heads.Add(k);
            var anchor = AnchorOf(k);
            if (anchor >= 0) anchors.Add((Tok[e.Start].Sentence, anchor));
        }

        foreach (var k in heads) R.Resolved.Add((k, Choose(k, anchors)));

        // A sentence located only in other Syrian governorates (Idlib, Damascus…) is not a regional incident.
        var r = 0;
        while (r < R.Resolved.Count)
        {
            var s = Tok[Ws.Entities[R.Resolved[r].Sel].Start].Sentence;
            var first = r;
            var located = false;
            var elsewhereOnly = true;
            for (; r < R.Resolved.Count && Tok[Ws.Entities[R.Resolved[r].Sel].Start].Sentence == s; r++)
            {
                var p = R.Resolved[r].Place;
                if (Lex.IsCountry[p]) continue;
                located = true;
                if (!Lex.Elsewhere[p]) elsewhereOnly = false;
            }

            if (!R.Incident[s] || !located || !elsewhereOnly) continue;
            for (var j = first; j < r; j++)
            {
                var name = Lex.Places[R.Resolved[j].Place].NameEn;
                if (Lex.Elsewhere[R.Resolved[j].Place] && !R.ElsewhereNames.Contains(name) && R.ElsewhereNames.Count < 8) R.ElsewhereNames.Add(name);
            }

            R.Incident[s] = false;
            R.BackgroundFrom[s] = SentStart(s);
        }

        for (var i = 0; i < R.Resolved.Count; i++)
        {
            var (sel, p) = R.Resolved[i];
            ref readonly var e = ref Ws.Entities[sel];
            if (!InIncident(e.Start) || IsReferencePoint(i) || IsLaunchPoint(i)) continue;
            var desert = Lex.DesertOf[p];
            if (desert >= 0 && DesertBefore(e.Start) is var d and >= 0)
            {
                // "البادية في البوكمال", "the desert near Albu Kamal": the desert area, not the town
                R.AddPlace(desert, Span(d, e.End));
                continue;
            }

            R.AddPlace(p, Span(e.Start, e.End));
            var next = e.End + 1;
            if (desert >= 0 && next < Buf.Count && Tok[next].Sentence == Tok[e.Start].Sentence && Has(next, Cue.OwnDesert))
                R.AddPlace(desert, Span(next, Ws.CueEnd[next])); // "البوكمال وباديتها": the town and its desert
        }
    }

    /// <summary>
    /// A desert word right before the place, or before a locative word before it (البادية في X، the desert near X,
    /// بادية محيط X), or -1. "البادية باتجاه X" (the desert towards X) is not X's desert.
    /// </summary>
    private int DesertBefore(int start)
    {
        var prev = PrevToken(start);
        if (prev < 0) return -1;
        if (Has(prev, Cue.Desert)) return prev;
        var locative = Has(prev, Cue.PlaceIntro) && !Has(prev, Cue.Direction) || Buf.Key(prev) is "\u0641\u064A" or "in" or "of";
        var before = PrevToken(prev);
        if (!locative || before < 0) return -1;
        for (var j = before; j >= Math.Max(SentStart(Tok[start].Sentence), before - 1); j--)
        {
            if (Has(j, Cue.Desert) && Ws.CueEnd[j] == before) return j;
        }

        return -1;
    }

    /// <summary>Tokens after an origin cue (من نقاطها في …) within which the listed places are where the attack came from.</summary>
    private const int OriginWindow = 16;

    /// <summary>
    /// "شنت قوات … من نقاطها في ريفي الميادين والبوكمال هجوماً … على بلدات …", "fired from positions in X at Y": the places
    /// between an origin cue and the attack word are launch points, not the incident's, when the sentence reports an
    /// attack (not a withdrawal "from its positions") and names another place outside that stretch.
    /// </summary>
    private bool IsLaunchPoint(int resolvedIndex)
    {
        ref readonly var e = ref Ws.Entities[R.Resolved[resolvedIndex].Sel];
        var sentence = Tok[e.Start].Sentence;
        var cue = -1;
        for (var j = e.Start - 1; j >= Math.Max(SentStart(sentence), e.Start - OriginWindow); j--)
        {
            if (IsAttackWord(j) || Has(j, Cue.Goal)) return false;
            if (Has(j, Cue.Origin))
            {
                cue = j;
                break;
            }
        }

        if (cue < 0) return false;
        var attack = false;
        foreach (var m in R.Marks)
        {
            if (m.Sentence != sentence) continue;
            if (m.Type is 4 or 5) return false; // a withdrawal or a convoy "from its positions": the event's own place
            attack = true;
        }

        var end = SentEnd(sentence);
        var stretchEnd = end;
        for (var t = SentStart(sentence); t < end; t++)
        {
            if (Has(t, Cue.Move)) return false;
            if (IsAttackWord(t)) attack = true;
            if ((IsAttackWord(t) || Has(t, Cue.Goal)) && t > Ws.CueEnd[cue] && stretchEnd == end) stretchEnd = t;
        }

        if (!attack) return false;
        for (var j = 0; j < R.Resolved.Count; j++)
        {
            var other = Ws.Entities[R.Resolved[j].Sel].Start;
            if (Tok[other].Sentence == sentence && (other < cue || other >= stretchEnd) && !Lex.IsCountry[R.Resolved[j].Place]) return true;
        }

        return false;
    }

    private bool IsAttackWord(int t) => Has(t, Cue.AttackVerb) || Has(t, Cue.Bombard) || Has(t, Cue.StrikeNoun) || IsTriggerAt(t);

    /// <summary>"… شرقي دير الزور", "south of Hasakah": a direction before a name makes it a reference point when the
    /// sentence names another place.</summary>
    private bool IsReferencePoint(int resolvedIndex)
    {
        ref readonly var e = ref Ws.Entities[R.Resolved[resolvedIndex].Sel];
        var prev = PrevToken(e.Start);
        if (prev >= 0 && (Has(prev, Cue.CityCue) || Has(prev, Cue.GovernorateCue)) && !Has(prev, Cue.Direction)) prev = PrevToken(prev);
        var isDirection = Has(prev, Cue.Direction);
        if (!isDirection && prev >= 1)
        {
            // multi-word directions ("north of"): the cue starts earlier and ends at prev
            for (var j = Math.Max(0, prev - 2); j < prev; j++)
            {
                if (Has(j, Cue.Direction) && Ws.CueEnd[j] == prev) isDirection = true;
            }
        }

        var sentence = Tok[e.Start].Sentence;
        if (Has(PrevToken(e.Start), Cue.Landmark) && !IsFieldPlace(R.Resolved[resolvedIndex].Sel))
        {
            // "قرب جسر العشارة في بلدة درنج": the other place of the sentence, before or after, is the incident's.
            for (var j = 0; j < R.Resolved.Count; j++)
            {
                var (other, p) = R.Resolved[j];
                if (j != resolvedIndex && Tok[Ws.Entities[other].Start].Sentence == sentence && !Lex.IsCountry[p] && p != R.Resolved[resolvedIndex].Place) return true;
            }
        }

        if (!isDirection) return false;
        for (var j = resolvedIndex - 1; j >= 0; j--)
        {
            var (other, p) = R.Resolved[j];
            if (Tok[Ws.Entities[other].Start].Sentence != sentence) break;
            if (!Lex.IsCountry[p]) return true;
        }

        return false;
    }

    /// <summary>
    /// The place a mention pins down for disambiguating others: the only candidate, or — when every candidate lies
    /// within ~50 km of the others (a governorate, its district and its city share a name) — the first of them.
    /// </summary>
    private int AnchorOf(int k)
    {
        var start = Ws.Entities[k].Start;
        var first = -1;
        for (var j = k; j < Ws.EntityCount && Ws.Entities[j].Start == start; j++)
        {
            if (Ws.Entities[j].Entry.Kind != EntryKind.Place) continue;
            var p = Ws.Entities[j].Entry.Value >> CompiledLexicon.PlaceShift;
            if (first < 0)
            {
                first = p;
                continue;
            }

            var a = Lex.Places[first];
            var b = Lex.Places[p];
            if (a.Lat is not { } alat || a.Lon is not { } alon || b.Lat is not { } blat || b.Lon is not { } blon) return -1;
            if (Math.Sqrt(((alat - blat) * (alat - blat)) + ((alon - blon) * (alon - blon))) * 100 > 50) return -1;
        }

        return first;
    }

    private int CandidateCount(int k)
    {
        var start = Ws.Entities[k].Start;
        var n = 0;
        for (var j = k; j < Ws.EntityCount && Ws.Entities[j].Start == start; j++)
        {
            if (Ws.Entities[j].Entry.Kind == EntryKind.Place) n++;
        }

        return n;
    }

    /// <summary>Rejects outlet names, lower-case English words, and common-word names without a place cue.</summary>
    private bool Accept(int k)
    {
        ref readonly var e = ref Ws.Entities[k];
        ref readonly var first = ref Tok[e.Start];
        if (first.Kind == TokenKind.Latin && !first.Capitalised) return false;
        if (IsDateline(e.Start, e.End)) return false;
        var prev = PrevToken(e.Start);
        var prev2 = prev >= 0 ? PrevToken(prev) : -1;
        if (Has(prev, Cue.Media) || (Has(prev2, Cue.Media) && !Has(prev, Cue.PlaceIntro))) return false;
        if (NamesOutlet(e.Start, e.End, prev)) return false;
        var next = e.End + 1;
        if (next < Buf.Count && Tok[next].Sentence == first.Sentence)
        {
            if (Has(next, Cue.Media) && Tok[next].Kind == TokenKind.Latin) return false;
            if (Tok[next].Kind == TokenKind.Number && !Tok[next].PunctBefore && Tok[next].NumberValue is > 0 and < 1000 && !Has(next + 1, Cue.Month) && !Has(next + 1, Cue.Unit) && !IsCountNoun(next + 1)) return false;
        }

        // حقل الجفرة / Jafra field: a field before a village name means a different (field) place.
        if (Has(prev, Cue.PlaceIntro) && IsFieldWord(prev) && !IsFieldPlace(k)) return false;

        var weak = false;
        var definiteOk = false;
        for (var j = k; j < Ws.EntityCount && Ws.Entities[j].Start == e.Start; j++)
        {
            if (Ws.Entities[j].Entry.Kind != EntryKind.Place) continue;
            if ((Ws.Entities[j].Entry.Value & CompiledLexicon.WeakFlag) != 0) weak = true;
            if (DefinitenessMatches(Ws.Entities[j])) definiteOk = true;
        }

        // قرية هري for الهري: after a place noun the name may drop its article.
        if (!definiteOk && (weak || !Has(prev, Cue.PlaceIntro) || Has(prev, Cue.Direction))) return false;
        if (IsSourceLocation(e.Start)) return false;
        if (!weak) return true;
        if (Has(prev, Cue.PlaceIntro) || Has(prev, Cue.CityCue) || Has(prev, Cue.GovernorateCue)) return true;
        if (first.Kind == TokenKind.Arabic && ArabicKey.Variants(Buf.Key(first), stackalloc int[4]) > 1 && StartsWithClitic(first) && !first.PunctBefore && PreviousIsPlace(k))
            return true;
        if (first.PunctBefore && PreviousIsPlace(k)) return true;
        return false;
    }

    /// <summary>
    /// "ذكرت الميادين أن…", "بحسب الميادين", "according to Al-Mayadeen", "Al Mayadeen reported": a place name that says or
    /// is cited is an outlet named after the place (places do not report).
    /// </summary>
    private bool NamesOutlet(int start, int end, int prev)
    {
        while (prev >= 0 && Tok[prev].IsArticle) prev = PrevToken(prev); // "according to Al-Mayadeen"
        for (var j = prev; j >= Math.Max(0, prev - 2) && prev >= 0; j--)
        {
            if (Has(j, Cue.Reporting) && Ws.CueEnd[j] == prev) return true;
        }

        var next = end + 1;
        return next < Buf.Count && Tok[next].Sentence == Tok[start].Sentence && Tok[next].Kind == TokenKind.Latin && !Tok[next].PunctBefore
            && Has(next, Cue.Reporting);
    }

    /// <summary>"BAGHDAD (AP) —", "BEIRUT —": a capitalised city before punctuation is where the copy was filed.</summary>
    private bool IsDateline(int start, int end)
    {
        ref readonly var first = ref Tok[start];
        if (first.Kind != TokenKind.Latin || first.OrigLength < 4 || !IsUpper(first)) return false;
        return end + 1 >= Buf.Count || Tok[end + 1].PunctBefore || Tok[end + 1].Sentence != first.Sentence;
    }

    /// <summary>"قالت مصادر أهلية في قرية حوايج ذيبان", "activists in Hajin said": where the source is, not the incident.</summary>
    private bool IsSourceLocation(int start)
    {
        var s = Tok[start].Sentence;
        for (var j = start - 1; j >= Math.Max(0, start - 4) && Tok[j].Sentence == s; j--)
        {
            if (IsTriggerAt(j) || Has(j, Cue.AttackVerb) || Tok[j].PunctBefore && j < start - 1) return false;
            if (Has(j, Cue.Source)) return true;
        }

        return false;
    }

    private bool DefinitenessMatches(in Sel sel)
    {
        var mask = CompiledLexicon.ArticleMaskOf(sel.Entry.Value);
        if (mask == 0) return true;
        var w = 0;
        for (var t = sel.Start; t <= sel.End && w < 4; t++)
        {
            if (Tok[t].IsArticle) continue;
            if ((mask & (1 << w)) != 0 && Tok[t].Kind == TokenKind.Arabic && !HasArticle(Buf.Key(t))) return false;
            w++;
        }

        return true;
    }

    private bool IsCountNoun(int t) => Has(t, Cue.Killed) || Has(t, Cue.Wounded) || Has(t, Cue.RocketNoun) || Has(t, Cue.StrikeNoun) || Has(t, Cue.DroneNoun) || Has(t, Cue.PersonSingular);

    private bool IsFieldWord(int t)
    {
        var key = Buf.Key(t);
        return key is "حقل" or "وحقل" or "بحقل" or "field";
    }

    private bool IsFieldPlace(int k)
    {
        var start = Ws.Entities[k].Start;
        for (var j = k; j < Ws.EntityCount && Ws.Entities[j].Start == start; j++)
        {
            var e = Ws.Entities[j].Entry;
            if (e.Kind == EntryKind.Place && Lex.IsFieldOrBase[e.Value >> CompiledLexicon.PlaceShift]) return true;
        }

        return false;
    }

    private bool StartsWithClitic(in Token t)
    {
        var key = Buf.Key(t);
        return key.Length > 2 && key[0] == '\u0648';
    }

    private bool PreviousIsPlace(int k)
    {
        var start = Ws.Entities[k].Start;
        for (var j = k - 1; j >= 0; j--)
        {
            ref readonly var p = ref Ws.Entities[j];
            if (p.Start == start) continue;
            if (p.Entry.Kind != EntryKind.Place) return false;
            return p.End >= start - 2 && Tok[p.Start].Sentence == Tok[start].Sentence;
        }

        return false;
    }

    private int Choose(int k, List<(int Sentence, int Place)> anchors)
    {
        ref readonly var e0 = ref Ws.Entities[k];
        var start = e0.Start;
        var prev = PrevToken(start);
        var next = e0.End + 1 < Buf.Count ? e0.End + 1 : -1;
        var govCue = Has(prev, Cue.GovernorateCue) || (next >= 0 && Tok[next].Kind == TokenKind.Latin && Has(next, Cue.GovernorateCue));
        var cityCue = Has(prev, Cue.CityCue) || Has(PrevToken(prev < 0 ? 0 : prev), Cue.CityCue) && prev >= 0 && Has(prev, Cue.PlaceIntro)
            || (next >= 0 && Tok[next].Kind == TokenKind.Latin && Has(next, Cue.CityCue))
            || (next >= 0 && Tok[next].Sentence == Tok[start].Sentence && Has(next, Cue.OwnCountryside));
        var best = -1;
        var bestScore = double.MinValue;
        var sentence = Tok[start].Sentence;
        for (var j = k; j < Ws.EntityCount && Ws.Entities[j].Start == start; j++)
        {
            var e = Ws.Entities[j].Entry;
            if (e.Kind != EntryKind.Place) continue;
            var p = e.Value >> CompiledLexicon.PlaceShift;
            var place = Lex.Places[p];
            double score = Lex.KindClass[p] switch
            {
                CompiledLexicon.KindGovernorate => govCue ? 50 : cityCue ? -10 : 30,
                CompiledLexicon.KindDistrict => 5,
                CompiledLexicon.KindSubdistrict => 4,
                CompiledLexicon.KindCountry => 3,
                CompiledLexicon.KindCity => cityCue || (!govCue && NeighbourhoodNamed(place, anchors, sentence)) ? 60 : 20,
                _ => 20,
            };
            if (CandidateCount(k) > 1) score -= Distance(place, anchors, sentence) / 1000.0;
            if (score > bestScore)
            {
                bestScore = score;
                best = p;
            }
        }

        return best;
    }

    /// <summary>"حي القصور في دير الزور": a neighbourhood of the city named in the same sentence makes the name the city.</summary>
    private bool NeighbourhoodNamed(Place city, List<(int Sentence, int Place)> anchors, int sentence)
    {
        foreach (var (s, p) in anchors)
        {
            if (s == sentence && Lex.Places[p].ParentId == city.Id && Lex.Places[p].Kind == "neighbourhood") return true;
        }

        return false;
    }

    /// <summary>
    /// Distance (km-ish) from a candidate to the unambiguous places named near it: the same sentence first, then the
    /// three sentences around it, then the report's first places. Bounded work whatever the report's length.
    /// </summary>
    private double Distance(Place place, List<(int Sentence, int Place)> anchors, int sentence)
    {
        if (place.Lat is not { } lat || place.Lon is not { } lon) return 500;
        var lo = 0;
        var hi = anchors.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (anchors[mid].Sentence < sentence - 3) lo = mid + 1;
            else hi = mid;
        }

        var bestSame = double.MaxValue;
        var bestNear = double.MaxValue;
        for (var i = lo; i < anchors.Count && anchors[i].Sentence <= sentence + 3; i++)
        {
            var d = Km(place, lat, lon, anchors[i].Place);
            if (anchors[i].Sentence == sentence) bestSame = Math.Min(bestSame, d);
            bestNear = Math.Min(bestNear, d);
        }

        if (bestSame < double.MaxValue) return bestSame;
        if (bestNear < double.MaxValue) return bestNear;
        var bestAny = double.MaxValue;
        for (var i = 0; i < Math.Min(16, anchors.Count); i++) bestAny = Math.Min(bestAny, Km(place, lat, lon, anchors[i].Place));
        return bestAny < double.MaxValue ? bestAny : 500;
    }

    private double Km(Place place, double lat, double lon, int anchor)
    {
        var ap = Lex.Places[anchor];
        if (ap.Lat is not { } alat || ap.Lon is not { } alon || ReferenceEquals(ap, place)) return double.MaxValue;
        return Math.Sqrt(((lat - alat) * (lat - alat)) + ((lon - alon) * (lon - alon))) * 100;
    }
}
