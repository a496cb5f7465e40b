using System.Runtime.CompilerServices;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// What the stages know of one report, written by one stage and read by the next: per sentence, where its background
/// starts and whether it reports an incident; per token, whether its clause does; the clauses, the trigger marks, the
/// resolved places and the actors. It also answers the token questions every stage asks (is a cue here, which number,
/// the original text's span). One instance per thread, cleared and reused for every report.
/// </summary>
internal sealed class ReportReading
{
    /// <summary>Spans kept per extracted item (a moderation card needs a handful, not hundreds).</summary>
    public const int MaxSpans = 32;

    /// <summary>Tokens before a trigger within which a negation or a hypothetical cancels it.</summary>
    public const int NegationWindow = 3;

    private readonly List<List<TextSpan>> _spanPool = [];
    private int _spanPoolUsed;

    public ReportReading(Workspace workspace)
    {
        Workspace = workspace;
        Buffer = workspace.Buffer;
    }

    public Workspace Workspace { get; }

    public TokenBuffer Buffer { get; }

    public Token[] Tokens { get; private set; } = [];

    public CompiledLexicon Lexicon { get; private set; } = null!;

    public ReportText Report { get; private set; } = null!;

    public int SentenceCount { get; private set; }

    /// <summary>The publication year, or the latest year the text names (time anchoring's reference).</summary>
    public int ReferenceYear { get; set; }

    /// <summary>What the headline frames the report as when it names no attack: the reason (a commemoration, a threat), or null.</summary>
    public string? HeadlineFrame { get; set; }

    /// <summary>Per sentence: it reports an incident (triggers), unless places showed it happened elsewhere.</summary>
    public bool[] Incident { get; private set; } = new bool[64];

    /// <summary>Per sentence: first background token (time anchoring: framing applies from there on).</summary>
    public int[] BackgroundFrom { get; private set; } = new int[64];

    /// <summary>Per token: inside a clause that reports an incident.</summary>
    public bool[] ClauseIncident { get; private set; } = new bool[1024];

    /// <summary>The clauses of the sentences' foreground (segmentation), in text order.</summary>
    public List<Clause> Clauses { get; } = [];

    /// <summary>Typed trigger marks: event type index, sentence, first token, span.</summary>
    public List<(int Type, int Sentence, int Token, TextSpan Span)> Marks { get; } = [];

    /// <summary>Why a sentence is an incident: the trigger spans, per sentence.</summary>
    public List<(int Sentence, TextSpan Span)> RelevanceSpans { get; } = [];

    /// <summary>Place mentions with their chosen place (entity index, compiled place index), in text order.</summary>
    public List<(int Sel, int Place)> Resolved { get; } = [];

    /// <summary>Names of the places outside the region that made an incident sentence one elsewhere.</summary>
    public List<string> ElsewhereNames { get; } = [];

    public Dictionary<int, List<TextSpan>> Places { get; } = [];

    public List<int> PlaceOrder { get; } = [];

    public Dictionary<int, List<TextSpan>> Actors { get; } = [];

    public List<int> ActorOrder { get; } = [];

    /// <summary>Prepares for a new report; every collection is cleared and reused.</summary>
    public void Reset(CompiledLexicon lexicon, ReportText report)
    {
        Report = report;
        Lexicon = lexicon;
        Tokens = Buffer.Tokens;
        SentenceCount = Buffer.SentenceCount;
        if (Incident.Length < SentenceCount)
        {
            Incident = new bool[Math.Max(SentenceCount, Incident.Length * 2)];
            BackgroundFrom = new int[Incident.Length];
        }

        if (ClauseIncident.Length < Buffer.Count) ClauseIncident = new bool[Math.Max(Buffer.Count, ClauseIncident.Length * 2)];
        Array.Clear(Incident, 0, SentenceCount);
        Array.Fill(BackgroundFrom, int.MaxValue, 0, SentenceCount);
        Array.Clear(ClauseIncident, 0, Buffer.Count);
        Clauses.Clear();
        Marks.Clear();
        RelevanceSpans.Clear();
        Resolved.Clear();
        ElsewhereNames.Clear();
        Places.Clear();
        PlaceOrder.Clear();
        Actors.Clear();
        ActorOrder.Clear();
        _spanPoolUsed = 0;
    }

    public List<TextSpan> RentSpanList()
    {
        if (_spanPoolUsed < _spanPool.Count)
        {
            var list = _spanPool[_spanPoolUsed++];
            list.Clear();
            return list;
        }

        var fresh = new List<TextSpan>(4);
        _spanPool.Add(fresh);
        _spanPoolUsed++;
        return fresh;
    }

    public bool AnyIncident()
    {
        for (var s = 0; s < SentenceCount; s++)
        {
            if (Incident[s]) return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool InIncident(int token) => Incident[Tokens[token].Sentence] && ClauseIncident[token] && !IsBg(token);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBg(int token) => token >= BackgroundFrom[Tokens[token].Sentence];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int token, Cue cue) =>
        token >= 0 && token < Buffer.Count
        && ((int)cue < 64 ? Workspace.CueMask[token] & (1UL << (int)cue) : Workspace.CueMaskHigh[token] & (1UL << ((int)cue - 64))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsTriggerAt(int t) => t < Buffer.Count && (Workspace.CueMask[t] & (1UL << Workspace.TriggerBit)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SentStart(int s) => Workspace.SentenceStart[s];

    /// <summary>The end of sentence <paramref name="s"/> (exclusive).</summary>
    public int SentEnd(int s)
    {
        for (var t = s + 1; t <= SentenceCount; t++)
        {
            if (t == SentenceCount) return Buffer.Count;
            if (Workspace.SentenceStart[t] >= 0) return Workspace.SentenceStart[t];
        }

        return Buffer.Count;
    }

    /// <summary>The previous token of the same sentence, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PrevToken(int t) => t - 1 >= 0 && Tokens[t - 1].Sentence == Tokens[t].Sentence ? t - 1 : -1;

    /// <summary>The original text's span of tokens [start, end] (the first token's only when they lie in different parts).</summary>
    public TextSpan Span(int start, int end)
    {
        ref readonly var a = ref Tokens[start];
        ref readonly var b = ref Tokens[end];
        if (a.Part != b.Part) return new TextSpan(a.Part, a.OrigStart, a.OrigLength);
        return new TextSpan(a.Part, a.OrigStart, b.OrigStart + b.OrigLength - a.OrigStart);
    }

    /// <summary>
    /// The number starting at token t (digits or number word, compounds of units and tens included: خمسة وعشرون =
    /// 25), or -1.
    /// </summary>
    public long NumberAt(int t)
    {
        if (t < 0 || t >= Buffer.Count) return -1;
        if (Tokens[t].Kind == TokenKind.Number) return Tokens[t].NumberValue;
        var value = Workspace.NumberWord[t];
        if (value is >= 1 and <= 9 && TensJoined(Workspace.CueEnd[t] + 1, t) is var tens and > 0) return value + tens;
        return value;
    }

    /// <summary>
    /// The first token of the number that ends at token <paramref name="end"/>: the start of a number word of several
    /// words (ثلاثة عشر), the units of a compound (خمسة وعشرين), else <paramref name="end"/> itself.
    /// </summary>
    public int NumberStart(int end)
    {
        if (end < 0 || end >= Buffer.Count) return end;
        for (var j = end - 1; j >= Math.Max(0, end - 3); j--)
        {
            if (Workspace.NumberWord[j] >= 0 && Workspace.CueEnd[j] == end) return j;
        }

        if (Workspace.NumberWord[end] is >= 20 and <= 90 && end >= 1 && Workspace.NumberWord[end - 1] is >= 1 and <= 9
            && Workspace.CueEnd[end - 1] == end - 1 && TensJoined(end, end - 1) > 0)
            return end - 1;
        return end;
    }

    /// <summary>The tens joined by و at token t (وعشرين، وثلاثون) after the units at token <paramref name="units"/>, or 0.</summary>
    private int TensJoined(int t, int units)
    {
        if (t >= Buffer.Count || Tokens[t].Sentence != Tokens[units].Sentence) return 0;
        var tens = Workspace.NumberWord[t];
        if (tens is < 20 or > 90 || tens % 10 != 0) return 0;
        var key = Buffer.Key(t);
        return key.Length > 1 && key[0] == '\u0648' ? tens : 0;
    }

    /// <summary>A negation, fear or hypothetical within <see cref="NegationWindow"/> tokens before, in the clause.</summary>
    public bool Negated(int token, int segStart)
    {
        for (var j = token - 1; j >= Math.Max(segStart, token - NegationWindow); j--)
        {
            if (Has(j, Cue.Negation)) return true;
        }

        return false;
    }

    /// <summary>An overflight word (تحليق، استطلاع، "flew over") within three tokens before.</summary>
    public bool Overflown(int token, int segStart)
    {
        for (var j = token - 1; j >= Math.Max(segStart, token - 3); j--)
        {
            if (Has(j, Cue.Overflight)) return true;
        }

        return false;
    }

    /// <summary>A Gaza-war word within four tokens in the sentence: Israel named as a party of that war.</summary>
    public bool NearGazaWar(int token)
    {
        for (var j = Math.Max(0, token - 4); j <= Math.Min(Buffer.Count - 1, token + 4); j++)
        {
            if (Has(j, Cue.GazaWar) && Tokens[j].Sentence == Tokens[token].Sentence) return true;
        }

        return false;
    }

    /// <summary>Every letter of the token's original text is upper case (datelines, "US" against "us").</summary>
    public bool IsUpper(in Token t)
    {
        var text = t.Part == TextPart.Title ? Report.Title! : Report.Text;
        for (var i = t.OrigStart; i < t.OrigStart + t.OrigLength; i++)
        {
            if (char.IsLetter(text[i]) && !char.IsUpper(text[i])) return false;
        }

        return true;
    }

    /// <summary>The token's original text is <paramref name="word"/>, ignoring case (English function words are not folded keys).</summary>
    public bool OriginalIs(int t, string word)
    {
        if (t < 0 || t >= Buffer.Count) return false;
        ref readonly var tok = ref Tokens[t];
        var text = tok.Part == TextPart.Title ? Report.Title! : Report.Text;
        return text.AsSpan(tok.OrigStart, tok.OrigLength).Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    public void AddPlace(int place, TextSpan span)
    {
        if (!Places.TryGetValue(place, out var list))
        {
            Places[place] = list = RentSpanList();
            PlaceOrder.Add(place);
        }

        if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
    }

    public void AddActor(int actor, TextSpan span)
    {
        if (!Actors.TryGetValue(actor, out var list))
        {
            Actors[actor] = list = RentSpanList();
            ActorOrder.Add(actor);
        }

        if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
    }

    /// <summary>The Arabic key carries the article ال (after و/ف and ب/ل/ك), or is لل.</summary>
    public static bool HasArticle(ReadOnlySpan<char> key)
    {
        var o = key.Length > 0 && key[0] is '\u0648' or '\u0641' ? 1 : 0;
        if (key.Length - o >= 2 && key[o] == '\u0644' && key[o + 1] == '\u0644') return true; // لل
        if (key.Length - o > 0 && key[o] is '\u0628' or '\u0644' or '\u0643') o++;
        return key.Length - o >= 3 && key[o] == '\u0627' && key[o + 1] == '\u0644';
    }

    /// <summary>First index whose Start is at or after <paramref name="start"/> (selections are sorted by Start).</summary>
    public static int LowerBound(Sel[] arr, int count, int start)
    {
        var lo = 0;
        var hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (arr[mid].Start < start) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}

/// <summary>A clause of a sentence's foreground: tokens [Start, End) of sentence <c>Sentence</c>; <c>Generic</c> when the
/// sentence speaks of a generic scope ("bases in Syria and Iraq").</summary>
internal readonly record struct Clause(int Sentence, int Start, int End, bool Generic);
