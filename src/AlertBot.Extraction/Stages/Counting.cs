using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// Counts: rockets, drones, strikes, killed and wounded, from figures next to their nouns or casualty verbs (digits,
/// number words, duals, singular instruments), toll updates, ranges (the lower end); decoys (units, months, years,
/// uncertain pairs, combined casualties, negations) refused. One figure per key: a toll update wins, else casualties
/// take the first figure and munitions the largest.
/// </summary>
internal sealed class Counting(ReportReading reading) : Stage(reading)
{
    /// <summary>Tokens before a missile within which the aircraft, drone or ship that fired it may be named.</summary>
    private const int AirLaunchWindow = 20;

    private static readonly string[] CountKeys = ["rockets", "drones", "strikes", "killed", "wounded"];
    private readonly List<(string Key, int Value, bool Toll, int Order, TextSpan Span)> _counts = [];

    /// <summary>Weapons named in the singular without a number: one each, when no figure is given anywhere.</summary>
    private readonly List<(string Key, TextSpan Span)> _singles = [];

    private void AddCount(string key, int value, int from, int to, int order)
    {
        var s = Tok[from].Sentence;
        var toll = false;
        for (var t = SentStart(s); t < from; t++)
        {
            if (Has(t, Cue.TollUpdate)) toll = true;
        }

        _counts.Add((key, value, toll, order, Span(Math.Min(from, to), Math.Max(from, to))));
    }
    private bool UncertainPair(int t) =>
        (Has(t - 1, Cue.Or) && NumberAt(t - 2) >= 0) || (Has(t + 1, Cue.Or) && NumberAt(t + 2) >= 0);

    public void Reset()
    {
        _counts.Clear();
        _singles.Clear();
    }

    /// <summary>Reads every foreground sentence's figures, then picks one figure per key.</summary>
    public List<CountHit> Build()
    {
        for (var s = 0; s < R.SentenceCount; s++)
        {
            // Casualty and munition counts are read in every sentence that is neither background nor elsewhere.
            if (SentStart(s) < 0 || IsBg(SentStart(s))) continue;
            CountSentence(SentStart(s), Math.Min(SentEnd(s), R.BackgroundFrom[s]));
        }

        // Per key: a toll update wins (largest); else casualties take the first figure, munitions the largest.
        var result = new List<CountHit>();
        foreach (var key in CountKeys)
        {
            var pick = -1;
            var pickToll = false;
            for (var i = 0; i < _counts.Count; i++)
            {
                var c = _counts[i];
                if (c.Key != key) continue;
                if (pick < 0)
                {
                    pick = i;
                    pickToll = c.Toll;
                    continue;
                }

                var best = _counts[pick];
                var better = c.Toll != pickToll ? c.Toll
                    : c.Toll || key is "rockets" or "drones" or "strikes" ? c.Value > best.Value
                    : c.Order < best.Order;
                if (better)
                {
                    pick = i;
                    pickToll = c.Toll;
                }
            }

            if (pick < 0)
            {
                var single = _singles.FindIndex(x => x.Key == key);
                if (single >= 0) result.Add(new CountHit(key, 1, [_singles[single].Span]));
                continue;
            }

            var value = _counts[pick].Value;
            var spans = new List<TextSpan>(2);
            foreach (var c in _counts)
            {
                if (c.Key == key && c.Value == value && !spans.Contains(c.Span) && spans.Count < MaxSpans) spans.Add(c.Span);
            }

            result.Add(new CountHit(key, value, spans.ToArray()));
        }

        return result;
    }

    private void CountSentence(int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (Ws.CueMask[t] == 0 && Tok[t].Kind != TokenKind.Number) continue;
            if (Ws.DualKey[t] >= 0)
            {
                var key = Lexicon.Duals[Ws.DualKey[t]].Key;
                if (key == "persons")
                {
                    var lead = LeadBefore(t, start);
                    if (lead != null) AddCount(lead, 2, t, t, t);
                }
                else if (!Negated(t, start) && !(key == "rockets" && (FiredFromAir(t, start) || Has(Ws.CueEnd[t] + 1, Cue.Drone))))
                {
                    // (two missiles fired by aircraft, or "صاروخين مسيرين", are an air strike's, not rockets)
                    AddCount(key, 2, t, t, t);
                }

                continue;
            }

            // The weapon as an indefinite instrument (بطائرة مسيرة، بصاروخ): "with a drone" is one drone.
            if ((Has(t, Cue.OneDrone) || Has(t, Cue.OneRocket)) && Tok[t].Kind == TokenKind.Arabic && InIncident(t) && !Negated(t, start)
                && NumberAt(t - 1) < 0 && !Has(t - 1, Cue.Approx) && IsIndefiniteInstrument(t))
            {
                _singles.Add((Has(t, Cue.OneDrone) ? "drones" : "rockets", Span(t, Ws.CueEnd[t])));
            }

            // A single person as subject before the casualty verb (أن عنصراً من الجيش أصيب).
            if (Has(t, Cue.PersonSingular) && Tok[t].Kind == TokenKind.Arabic && NumberAt(t - 1) < 0 && !Has(t - 1, Cue.KilledLead) && !Has(t - 1, Cue.WoundedLead))
            {
                for (var j = Ws.CueEnd[t] + 1; j < Math.Min(end, t + 6); j++)
                {
                    if (NumberAt(j) >= 0 || Has(j, Cue.PersonSingular)) break;
                    if ((Has(j, Cue.WoundedLead) || Has(j, Cue.KilledLead)) && Tok[j].Kind == TokenKind.Arabic && !Negated(j, start) && NumberAt(j + 1) < 0 && !Has(j + 1, Cue.PersonSingular))
                    {
                        _singles.Add((Has(j, Cue.KilledLead) ? "killed" : "wounded", Span(t, j)));
                        break;
                    }
                }
            }

            var nounKey = Has(t, Cue.RocketNoun) && FiredFromAir(t, start) ? null : Has(t, Cue.RocketNoun) ? "rockets" : Has(t, Cue.DroneNoun) ? "drones" : Has(t, Cue.StrikeNoun) ? "strikes"
                : Has(t, Cue.Killed) ? "killed" : Has(t, Cue.Wounded) ? "wounded" : null;
            if (nounKey != null && !Negated(t, start))
            {
                // number right before the noun (أكثر من 10 صواريخ، 40 قتيلاً، two rockets)
                var n = t - 1;
                if (n >= start && Tok[n].Kind == TokenKind.Latin && NumberAt(n) < 0 && !Has(n, Cue.Approx) && NumberAt(n - 1) >= 0 && nounKey is "rockets" or "drones" or "strikes") n--;
                if (n >= start && R.NumberStart(n) is var first && first >= start && first < n) n = first; // ثلاثة عشر صاروخا، خمسة وعشرين عنصرا
                var v = NumberAt(n);
                if (n >= start && v is > 0 and < 1900 && !UncertainPair(n))
                {
                    // A range ("بين 7 إلى 10 صواريخ", "7 to 10 rockets") counts what is sure: its lower end.
                    if (n - 2 >= start && IsRangeWord(n - 1) && NumberAt(n - 2) is > 0 and < 1900 && NumberAt(n - 2) < v) v = NumberAt(n - 2);
                    AddCount(nounKey, (int)v, n, Ws.CueEnd[t], t);
                    continue;
                }

                // English indefinite article: "a drone was intercepted", "a rocket hit" (not "a drone attack")
                if (n >= start && Tok[n].Kind == TokenKind.Latin && Buf.Key(n) is "a" or "an" && nounKey is "rockets" or "drones"
                    && !(Ws.CueEnd[t] + 1 < end && (Has(Ws.CueEnd[t] + 1, Cue.AttackVerb) || Has(Ws.CueEnd[t] + 1, Cue.StrikeNoun) || IsTriggerAt(Ws.CueEnd[t] + 1))))
                {
                    AddCount(nounKey, 1, n, Ws.CueEnd[t], t);
                    continue;
                }

                // noun followed by one (بصاروخ واحد، طائرة مسيرة واحدة)
                var after = Ws.CueEnd[t] + 1;
                if (after < end && Ws.NumberWord[after] is 1 or 2 && nounKey is "rockets" or "drones" or "strikes")
                {
                    AddCount(nounKey, Ws.NumberWord[after], t, after, t);
                    continue;
                }
            }

            // English: number … killed/wounded within the clause ("six militants were killed").
            if (Tok[t].Kind != TokenKind.Arabic && NumberAt(t) is > 0 and < 1900 && !UncertainPair(t) && !Has(t + 1, Cue.Unit) && !Has(t + 1, Cue.Month) && !Has(t - 1, Cue.Month))
            {
                for (var j = t + 1; j < Math.Min(end, t + 8); j++)
                {
                    if (NumberAt(j) >= 0 || Has(j, Cue.RocketNoun) || Has(j, Cue.DroneNoun) || Has(j, Cue.StrikeNoun)) break;
                    if (Tok[j].Kind == TokenKind.Latin && (Has(j, Cue.Killed) || Has(j, Cue.Wounded)) && !Negated(t, start))
                    {
                        if (j == t + 1) break; // handled as number + noun above
                        var key = Has(j, Cue.Killed) ? "killed" : "wounded";
                        if (Buf.Key(j) is "injuries" or "casualties") break;
                        AddCount(key, (int)NumberAt(t), t, j, t);
                        break;
                    }
                }
            }

            // casualty verb followed by its number (مقتل 19 عنصراً، إصابة 4 أشخاص، killing one, injuring two)
            if ((Has(t, Cue.KilledLead) || Has(t, Cue.WoundedLead) || Has(t, Cue.Killed) || Has(t, Cue.Wounded)) && !Negated(t, start) && !CombinedCasualties(t))
            {
                var key = Has(t, Cue.KilledLead) || Has(t, Cue.Killed) ? "killed" : "wounded";
                var j = Ws.CueEnd[t] + 1;
                var hops = 0;
                while (j < end && hops < 2 && (Has(j, Cue.Approx) || Has(j, Cue.CountBridge)))
                {
                    j = Ws.CueEnd[j] + 1;
                    hops++;
                }

                if (j >= end) continue;
                var v = NumberAt(j);
                if (v is > 0 and < 1900 && !UncertainPair(j) && !Has(j + 1, Cue.Unit) && !Has(j + 1, Cue.Month) && !IsOtherCountNoun(j + 1, key))
                {
                    AddCount(key, (int)v, t, j, t);
                }
                else if (v < 0 && (Has(t, Cue.KilledLead) || Has(t, Cue.WoundedLead)) && hops == 0)
                {
                    if (Tok[j].Kind == TokenKind.Latin && Buf.Key(j) is "a" or "an" && j + 1 < end) j++;
                    if (Has(j, Cue.PersonSingular) || (Has(j, Cue.Another) && Tok[j].Kind == TokenKind.Latin)) AddCount(key, 1, t, j, t);
                }
            }

            // A toll update whose figure comes at the end (ارتفعت حصيلة ضحايا الغارات … إلى 24 مدنياً; the toll rose to 9).
            if (Has(t, Cue.TollUpdate) && (t == start || !Has(t - 1, Cue.TollUpdate)) && !Negated(t, start)) TollFigure(t, end);

            // English "another was wounded" / "another wounded" / "another two were injured"
            if (Has(t, Cue.Another) && Tok[t].Kind == TokenKind.Latin)
            {
                for (var j = t + 1; j < Math.Min(end, t + 4); j++)
                {
                    if (Has(j, Cue.Wounded) || Has(j, Cue.WoundedLead))
                    {
                        // "another two were injured": the figure after "another" is how many more
                        AddCount("wounded", NumberAt(t + 1) is > 0 and < 1900 and var more ? (int)more : 1, t, j, t);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Missiles not launched from the ground: fired by aircraft or drones earlier in the sentence ("طائرات حربية أطلقت
    /// ثمانية صواريخ", "the drone targeted them with a missile", "11 air raids, during which 31 missiles"), or from the
    /// sea ("10 cruise missiles", "صواريخ كروز", "submarines fired").
    /// </summary>
    private bool FiredFromAir(int t, int start)
    {
        if (Has(Ws.CueEnd[t] + 1, Cue.SeaLaunch)) return true;
        for (var j = t - 1; j >= Math.Max(start, t - AirLaunchWindow); j--)
        {
            if ((Has(j, Cue.Aircraft) || Has(j, Cue.Drone) || Has(j, Cue.StrikeNoun)) && !Overflown(j, start)) return true;
            if (Has(j, Cue.SeaLaunch)) return true;
        }

        return false;
    }

    /// <summary>The word between the two ends of a range of numbers: إلى / الى / to / and.</summary>
    private bool IsRangeWord(int t) => t >= 0 && t < Buf.Count && Buf.Key(t) is "الى" or "إلى" or "الي" or "to" or "حتى" or "حتي";

    private bool IsIndefiniteInstrument(int t)
    {
        var key = Buf.Key(t);
        return key.Length > 3 && key[0] == '\u0628' && !HasArticle(key);
    }

    /// <summary>"قتل وأصيب 30", "مقتل وإصابة", "killed or wounded": one figure for both, neither count.</summary>
    private bool CombinedCasualties(int t)
    {
        var next = Ws.CueEnd[t] + 1;
        var killed = Has(t, Cue.KilledLead) || Has(t, Cue.Killed);
        if (next < Buf.Count && (killed ? Has(next, Cue.WoundedLead) || Has(next, Cue.Wounded) : Has(next, Cue.KilledLead) || Has(next, Cue.Killed))) return true;
        if (next + 1 < Buf.Count && Has(next, Cue.Or) && (Has(next + 1, Cue.Wounded) || Has(next + 1, Cue.WoundedLead) || Has(next + 1, Cue.Killed))) return true;
        for (var j = t - 1; j >= Math.Max(0, t - 2); j--)
        {
            if (Ws.CueEnd[j] == t - 1 && (killed ? Has(j, Cue.WoundedLead) || Has(j, Cue.Wounded) : Has(j, Cue.KilledLead) || Has(j, Cue.Killed))) return true;
        }

        return false;
    }

    /// <summary>The figure a toll update rises to: "إلى"/"to" then a number, later in the sentence.</summary>
    private void TollFigure(int t, int end)
    {
        var sawCasualty = false;
        for (var j = Ws.CueEnd[t] + 1; j < Math.Min(end - 1, t + 30); j++)
        {
            if (Has(j, Cue.Killed) || Has(j, Cue.KilledLead)) sawCasualty = true;
            if (!Has(j, Cue.CountBridge) || Ws.CueEnd[j] != j) continue;
            var n = j + 1;
            if (Has(n, Cue.Approx)) n = Ws.CueEnd[n] + 1;
            var v = NumberAt(n);
            if (v is <= 0 or >= 1900 || Has(n + 1, Cue.Unit) || Has(n + 1, Cue.Month) || UncertainPair(n)) continue;
            var after = Ws.CueEnd[n] + 1;
            if (after < Buf.Count && (Has(after, Cue.Wounded) || Has(after, Cue.RocketNoun) || Has(after, Cue.DroneNoun) || Has(after, Cue.StrikeNoun))) return;
            if (!sawCasualty && !(after < Buf.Count && (Has(after, Cue.Killed) || Has(after, Cue.PersonSingular) || Has(after, Cue.Civilian)))) return;
            _counts.Add(("killed", (int)v, true, t, Span(t, n)));
            return;
        }
    }

    private bool IsOtherCountNoun(int t, string key) =>
        Has(t, Cue.RocketNoun) || Has(t, Cue.DroneNoun) || Has(t, Cue.StrikeNoun) || (key == "killed" && Has(t, Cue.Wounded)) || (key == "wounded" && Has(t, Cue.Killed));

    private string? LeadBefore(int t, int start)
    {
        // the casualty phrase ends right before the dual noun (مقتل عنصرين، أدى إلى مقتل عنصرين)
        for (var p = t - 1; p >= Math.Max(start, t - 4); p--)
        {
            if (Ws.CueEnd[p] != t - 1) continue;
            if (Has(p, Cue.KilledLead)) return "killed";
            if (Has(p, Cue.WoundedLead)) return "wounded";
        }

        return null;
    }
}
