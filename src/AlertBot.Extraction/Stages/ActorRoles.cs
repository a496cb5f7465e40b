using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// The roles stage: each accepted actor mention votes for a role read from the words around it in its clause, and
/// each actor takes its most voted role (the earliest on a tie). The words are the <see cref="Cue.Role"/> entries of
/// the lexicon (<see cref="Lexicon.RoleCues"/>) with the attack and movement cues and triggers already there; the
/// rules below only say where such a word must stand relative to the actor.
/// </summary>
internal sealed partial class ActorResolution
{
    /// <summary>Tokens an attack or movement word may stand from the actor it speaks of.</summary>
    private const int RoleWindow = 3;

    private readonly List<(int Actor, ActorRole Role)> _roleVotes = [];
    private byte[] _roleCue = new byte[1024];
    private sbyte[] _markType = new sbyte[1024];

    /// <summary>Per token: its clause's number within its sentence (a new one at each clause conjunction).</summary>
    private int[] _clauseOf = new int[1024];
    /// <summary>Sentences whose tokens <see cref="IndexSentence"/> has prepared for this report.</summary>
    private readonly HashSet<int> _sentenceIndexed = [];

    private void ResetRoles()
    {
        _roleVotes.Clear();
        _sentenceIndexed.Clear();
    }

    /// <summary>
    /// Per token of sentence <paramref name="s"/>: the role words and the typed trigger starting there, and its
    /// clause. Built for a sentence when an actor is first met in it, so the work follows the actors, not the text.
    /// </summary>
    private void IndexSentence(int s)
    {
        var n = Buf.Count;
        if (_roleCue.Length < n)
        {
            _roleCue = new byte[Math.Max(n, _roleCue.Length * 2)];
            _markType = new sbyte[_roleCue.Length];
            _clauseOf = new int[_roleCue.Length];
        }

        var from = SentStart(s);
        var to = SentEnd(s);
        var clause = 0;
        for (var t = from; t < to; t++)
        {
            if (t > from && Has(t, Cue.ClauseJoin)) clause++;
            _clauseOf[t] = clause;
            _roleCue[t] = 0;
            _markType[t] = -1;
        }

        for (var k = LowerBound(Ws.Cues, Ws.CueCount, from); k < Ws.CueCount && Ws.Cues[k].Start < to; k++)
        {
            ref readonly var c = ref Ws.Cues[k];
            if (c.Entry.Kind == EntryKind.Cue && (Cue)(c.Entry.Value >> CompiledLexicon.CueShift) == Cue.Role)
            {
                _roleCue[c.Start] |= (byte)(1 << (c.Entry.Value & CompiledLexicon.CueValueMask));
            }
        }

        foreach (var (type, sentence, token, _) in R.Marks)
        {
            if (sentence == s && token >= from && token < to) _markType[token] = (sbyte)type;
        }

        _sentenceIndexed.Add(s);
    }

    private bool RoleWord(int t, RoleCue kind) => t >= 0 && t < Buf.Count && (_roleCue[t] & (1 << (int)kind)) != 0;

    /// <summary>A word of attack: an attack verb or noun, a bombardment, a strike, or a trigger of an attack type.</summary>
    private bool AttackWord(int t) =>
        Has(t, Cue.AttackVerb) || Has(t, Cue.Bombard) || Has(t, Cue.StrikeNoun) || _markType[t] is >= 0 and <= 3 or 6;

    /// <summary>A word of movement: a trigger of evacuation or reinforcement, or a relocation verb.</summary>
    private bool MoveWord(int t) => _markType[t] is 4 or 5 || Has(t, Cue.Move);

    /// <summary>What was hit: a base, positions or headquarters, a checkpoint or patrol.</summary>
    private bool TargetNoun(int t) => Has(t, Cue.Base) || Has(t, Cue.Facility) || Has(t, Cue.GroundTarget) || RoleWord(t, RoleCue.TargetNoun);

    /// <summary>Token <paramref name="t"/> is in the clause of token <paramref name="at"/> (same sentence, no conjunction between).</summary>
    private bool SameClause(int at, int t) =>
        t >= 0 && t < Buf.Count && Tok[t].Sentence == Tok[at].Sentence && _clauseOf[t] == _clauseOf[at];

    /// <summary>No comma, colon or bracket between tokens <paramref name="a"/> &lt; <paramref name="b"/> (quotes around a name do not part it): one phrase.</summary>
    private bool Joined(int a, int b) => Tok[a].Clause == Tok[b].Clause;

    /// <summary>What a token is looked for (a switch, not a delegate: the stage allocates nothing).</summary>
    private enum Probe
    {
        Agent,
        UnderAttack,
        TargetIntro,
        Defence,
        TargetNoun,
        Attack,
        Move,
    }

    private bool Is(int t, Probe probe) => probe switch
    {
        Probe.Agent => RoleWord(t, RoleCue.Agent),
        Probe.UnderAttack => RoleWord(t, RoleCue.UnderAttack),
        Probe.TargetIntro => RoleWord(t, RoleCue.TargetIntro),
        Probe.Defence => RoleWord(t, RoleCue.Defence),
        Probe.TargetNoun => TargetNoun(t),
        Probe.Attack => AttackWord(t),
        _ => MoveWord(t),
    };

    /// <summary>The nearest token before <paramref name="start"/> (at most <paramref name="window"/> away, same clause) that is what is looked for.</summary>
    private int Before(int start, int window, Probe probe, bool joined = true)
    {
        for (var j = start - 1; j >= start - window && SameClause(start, j); j--)
        {
            if (joined && !Joined(j, start)) return -1;
            if (Is(j, probe)) return j;
        }

        return -1;
    }

    /// <summary>The nearest token after <paramref name="end"/> (at most <paramref name="window"/> away, same clause) that is what is looked for.</summary>
    private int After(int end, int window, Probe probe, bool joined = true)
    {
        for (var j = end + 1; j <= end + window && SameClause(end, j); j++)
        {
            if (joined && !Joined(end, j)) return -1;
            if (Is(j, probe)) return j;
        }

        return -1;
    }

    /// <summary>The mention of an actor at tokens [start, end] votes for the role its clause shows, if any.</summary>
    private void VoteRole(int actor, int start, int end)
    {
        var sentence = Tok[start].Sentence;
        if (!_sentenceIndexed.Contains(sentence)) IndexSentence(sentence);
        if (RoleAt(start, end) is { } role) _roleVotes.Add((actor, role));
    }

    private ActorRole? RoleAt(int start, int end)
    {
        var arabic = Tok[start].Kind == TokenKind.Arabic;

        // "by the coalition", "من قبل الميليشيات", "مصدرها", "شنتها مقاتلات التحالف": named as the attack's author.
        var agent = Before(start, 5, Probe.Agent, joined: false);
        if (agent >= 0 && Ws.CueEnd[agent] >= start - 2 && (AttackWord(agent) || Before(agent, 6, Probe.Attack, joined: false) >= 0))
            return ActorRole.Attacker;

        // "تعرضت قاعدة تابعة للجيش الأمريكي لقصف", "the US base came under attack": the subject of a passive attack.
        if (Before(start, 5, Probe.UnderAttack) >= 0 || After(end, 4, Probe.UnderAttack) >= 0)
            return ActorRole.Target;

        // A base or positions of the actor that an attack hit: "استهدف قاعدة التحالف", "مواقع لميليشيات إيران",
        // "a US military base", "the coalition's base".
        var noun = Before(start, 3, Probe.TargetNoun);
        if (noun >= 0 && AttackBefore(noun)) return ActorRole.Target;
        if (!arabic && After(end, 2, Probe.TargetNoun) is var owned and >= 0 && (AttackBefore(start) || After(owned, 3, Probe.Attack) >= 0))
            return ActorRole.Target;

        // "attack on US forces", "هجوم على القوات الأمريكية", "strikes against Iran-backed militias".
        var intro = Before(start, 2, Probe.TargetIntro);
        if (intro >= 0 && Before(intro, 4, Probe.Attack) >= 0) return ActorRole.Target;

        // Intercepting or repelling: "تصدت الدفاعات الأمريكية", "US forces shot down a drone".
        if (Before(start, 2, Probe.Defence) >= 0 || After(end, 2, Probe.Defence) >= 0)
            return ActorRole.Target;

        // The attack word next to the actor.
        var before = Before(start, 2, Probe.Attack);
        if (before >= 0)
        {
            // Arabic: verb-subject (قصفت الميليشيات) and noun-agent (قصف التحالف، غارات إسرائيلية) name the attacker,
            // except after an object noun (استهداف القوات الأمريكية). English: "targeted US forces" names the target.
            if (RoleWord(before, RoleCue.ObjectNoun)) return ActorRole.Target;
            return arabic ? ActorRole.Attacker : ActorRole.Target;
        }

        // Subject before its verb: "الميليشيات الإيرانية قصفت", "Iran-backed militias attacked", "Israeli airstrikes".
        if (After(end, 2, Probe.Attack) >= 0 || (arabic && After(end, 4, Probe.Attack, joined: false) >= 0 && !Joined(end, end + 1)))
            return ActorRole.Attacker;

        // "أخلت الميليشيات الإيرانية مواقعها", "استقدمت قوات التحالف تعزيزات", "regime forces brought in a convoy".
        if (Before(start, RoleWindow, Probe.Move) >= 0 || After(end, RoleWindow, Probe.Move) >= 0) return ActorRole.Moving;

        return null;
    }

    /// <summary>An attack word before the target noun in its clause (the noun is what was hit), or an attack-introducing word right before it.</summary>
    private bool AttackBefore(int noun)
    {
        for (var j = noun - 1; j >= noun - 6 && SameClause(noun, j); j--)
        {
            if (AttackWord(j) || RoleWord(j, RoleCue.TargetIntro) || RoleWord(j, RoleCue.UnderAttack)) return true;
        }

        return false;
    }

    /// <summary>A group implied by a member takes the member's role when it has none of its own.</summary>
    private void InheritRole(int group, int member)
    {
        if (RoleOf(group) is null && RoleOf(member) is { } role) _roleVotes.Add((group, role));
    }

    /// <summary>The actor's most voted role, the earliest voted on a tie; null when no clause showed one.</summary>
    public ActorRole? RoleOf(int actor)
    {
        Span<int> votes = stackalloc int[3];
        Span<int> first = stackalloc int[3];
        first.Fill(int.MaxValue);
        var any = false;
        for (var k = 0; k < _roleVotes.Count; k++)
        {
            var (a, role) = _roleVotes[k];
            if (a != actor) continue;
            any = true;
            votes[(int)role]++;
            first[(int)role] = Math.Min(first[(int)role], k);
        }

        if (!any) return null;
        var best = 0;
        for (var r = 1; r < 3; r++)
        {
            if (votes[r] > votes[best] || (votes[r] == votes[best] && first[r] < first[best])) best = r;
        }

        return (ActorRole)best;
    }
}
