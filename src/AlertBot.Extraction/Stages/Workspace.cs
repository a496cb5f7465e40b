using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>A selected match: an entry covering tokens [Start, End].</summary>
internal struct Sel
{
    public LexEntry Entry;
    public int Start;
    public int End;
}

/// <summary>
/// Per-thread reusable buffers: the tokens, the trie's matches, the selected entities and cues, and per token the cues
/// starting there (a bit mask) with their values (number words, duals, weekdays, months).
/// </summary>
internal sealed class Workspace
{
    /// <summary>Bit of the per-token cue mask marking that a typed trigger starts there.</summary>
    public const int TriggerBit = 63;

    public readonly TokenBuffer Buffer = new();
    public readonly MatchList Matches = new();
    public Sel[] Entities = new Sel[128];
    public int EntityCount;
    public Sel[] Cues = new Sel[512];
    public int CueCount;
    /// <summary>Per token: bit c set when cue c (0–62) starts there; bit <see cref="TriggerBit"/> for a typed trigger.</summary>
    public ulong[] CueMask = new ulong[1024];

    /// <summary>Per token: bit c − 64 set when cue c (64–127) starts there.</summary>
    public ulong[] CueMaskHigh = new ulong[1024];
    public int[] CueEnd = new int[1024];
    public int[] NumberWord = new int[1024];
    public int[] DualKey = new int[1024];
    public int[] Weekday = new int[1024];
    public int[] Month = new int[1024];
    public int[] SentenceStart = new int[128];
    /// <summary>The stages and their shared reading of the report, reused from report to report.</summary>
    public IncidentPipeline? Pipeline;

    public void Reset()
    {
        Buffer.Clear();
        Matches.Clear();
        EntityCount = 0;
        CueCount = 0;
    }

    /// <summary>Longest match wins, separately for entities (places, actors) and for cue words and triggers.</summary>
    public void Select(PhraseTrie trie)
    {
        var items = Matches.Items;
        var n = Matches.Count;
        var entries = trie.EntryArray;
        var freeA = 0;
        var freeB = 0;
        var i = 0;
        while (i < n)
        {
            var start = items[i].Start;
            var j = i;
            var maxA = -1;
            var maxB = -1;
            while (j < n && items[j].Start == start)
            {
                var kind = entries[items[j].Entry].Kind;
                if (kind is EntryKind.Place or EntryKind.Actor) maxA = Math.Max(maxA, items[j].End);
                else maxB = Math.Max(maxB, items[j].End);
                j++;
            }

            if (maxA >= 0 && start >= freeA)
            {
                for (var k = i; k < j; k++)
                {
                    var e = entries[items[k].Entry];
                    if (e.Kind is EntryKind.Place or EntryKind.Actor && items[k].End == maxA && !Contains(Entities, EntityCount, e, start))
                        Add(ref Entities, ref EntityCount, e, start, maxA);
                }

                freeA = maxA + 1;
            }

            if (maxB >= 0 && start >= freeB)
            {
                for (var k = i; k < j; k++)
                {
                    var e = entries[items[k].Entry];
                    if (e.Kind is EntryKind.Trigger or EntryKind.Cue && items[k].End == maxB && !Contains(Cues, CueCount, e, start))
                        Add(ref Cues, ref CueCount, e, start, maxB);
                }

                freeB = maxB + 1;
            }

            i = j;
        }
    }

    private static bool Contains(Sel[] arr, int count, LexEntry e, int start)
    {
        for (var k = count - 1; k >= 0 && arr[k].Start == start; k--)
        {
            if (arr[k].Entry == e) return true;
        }

        return false;
    }

    private static void Add(ref Sel[] arr, ref int count, LexEntry e, int start, int end)
    {
        if (count == arr.Length) Array.Resize(ref arr, arr.Length * 2);
        arr[count++] = new Sel { Entry = e, Start = start, End = end };
    }

    /// <summary>Per-token bit mask of the cues starting there, plus their values.</summary>
    public void IndexCues(CompiledLexicon lex)
    {
        var n = Buffer.Count;
        if (CueMask.Length < n + 1)
        {
            var size = Math.Max(n + 1, CueMask.Length * 2);
            CueMask = new ulong[size];
            CueMaskHigh = new ulong[size];
            CueEnd = new int[size];
            NumberWord = new int[size];
            DualKey = new int[size];
            Weekday = new int[size];
            Month = new int[size];
        }

        Array.Clear(CueMask, 0, n + 1);
        Array.Clear(CueMaskHigh, 0, n + 1);
        for (var t = 0; t <= n; t++) CueEnd[t] = t;
        Array.Fill(NumberWord, -1, 0, n + 1);
        Array.Fill(DualKey, -1, 0, n + 1);
        Array.Fill(Weekday, -1, 0, n + 1);
        Array.Fill(Month, -1, 0, n + 1);
        for (var k = 0; k < CueCount; k++)
        {
            ref readonly var s = ref Cues[k];
            CueEnd[s.Start] = Math.Max(CueEnd[s.Start], s.End);
            if (s.Entry.Kind != EntryKind.Cue)
            {
                CueMask[s.Start] |= 1UL << TriggerBit;
                continue;
            }

            var cue = (Cue)(s.Entry.Value >> CompiledLexicon.CueShift);
            var value = s.Entry.Value & CompiledLexicon.CueValueMask;
            if ((int)cue < 64) CueMask[s.Start] |= 1UL << (int)cue;
            else CueMaskHigh[s.Start] |= 1UL << ((int)cue - 64);
            switch (cue)
            {
                case Cue.NumberWord: NumberWord[s.Start] = value; break;
                case Cue.Dual: DualKey[s.Start] = value; break;
                case Cue.Weekday: Weekday[s.Start] = value; break;
                case Cue.Month: Month[s.Start] = value; break;
            }
        }

        var sentences = Buffer.SentenceCount;
        if (SentenceStart.Length < sentences + 2) SentenceStart = new int[Math.Max(sentences + 2, SentenceStart.Length * 2)];
        Array.Fill(SentenceStart, -1, 0, sentences + 2);
        for (var i = n - 1; i >= 0; i--) SentenceStart[Buffer.Tokens[i].Sentence] = i;
    }
}
