using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Matching;

/// <summary>What a lexicon entry stands for.</summary>
internal enum EntryKind : byte
{
    Place,
    Actor,
    Trigger,
    Cue,
}

/// <summary>A phrase attached to a trie node. <see cref="Prefix"/>: the last word may carry any suffix (صاروخ → صاروخين, rocket → rockets).</summary>
internal readonly record struct LexEntry(EntryKind Kind, int Value, bool Prefix);

/// <summary>One phrase found in the text: tokens [Start, End] inclusive.</summary>
internal struct TrieMatch
{
    public int Entry;
    public int Start;
    public int End;
}

/// <summary>
/// Character trie over normalised token keys, tokens separated by a control character. Matching walks from each token
/// (and each proclitic variant of it) as far as the trie allows, so the cost per position is bounded by the longest
/// phrase, not by the number of phrases: one pass whatever the lexicon's size.
/// </summary>
internal sealed class PhraseTrie
{
    public const char Separator = '\u0001';

    private readonly int[] _rootTable;
    private readonly Node[] _nodes;
    private readonly Edge[] _edges;
    private readonly int[] _entryRefs;

    /// <summary>A child link: label and target together, so a scan reads one array.</summary>
    private readonly record struct Edge(char Label, int Target);

    /// <summary>One node, packed so a step touches one cache line.</summary>
    private struct Node
    {
        public int ChildStart;
        public int ChildCount;
        public int ExactStart;
        public int ExactCount;
        public int PrefixStart;
        public int PrefixCount;
    }

    public IReadOnlyList<LexEntry> Entries => EntryArray;

    internal LexEntry[] EntryArray { get; }

    /// <summary>Number of (phrase, entry) pairs stored.</summary>
    public int PhraseCount { get; }

    /// <summary>Number of trie nodes.</summary>
    public int NodeCount { get; }

    private PhraseTrie(Builder b)
    {
        EntryArray = b.EntryList.ToArray();
        PhraseCount = b.PhraseCount;
        NodeCount = b.Children.Count;
        var nodes = b.Children.Count;
        _nodes = new Node[nodes];
        var edges = new List<Edge>();
        var refs = new List<int>();
        for (var n = 0; n < nodes; n++)
        {
            var kids = b.Children[n];
            ref var node = ref _nodes[n];
            node.ChildStart = edges.Count;
            node.ChildCount = kids?.Count ?? 0;
            if (kids != null)
            {
                foreach (var kv in kids.OrderBy(k => k.Key)) edges.Add(new Edge(kv.Key, kv.Value));
            }

            node.ExactStart = refs.Count;
            if (b.Exact[n] is { } ex) refs.AddRange(ex);
            node.ExactCount = refs.Count - node.ExactStart;
            node.PrefixStart = refs.Count;
            if (b.PrefixEntries[n] is { } px) refs.AddRange(px);
            node.PrefixCount = refs.Count - node.PrefixStart;
        }

        _edges = edges.ToArray();
        _entryRefs = refs.ToArray();
        _rootTable = new int[char.MaxValue + 1];
        Array.Fill(_rootTable, -1);
        if (b.Children[0] is { } root)
        {
            foreach (var kv in root) _rootTable[kv.Key] = kv.Value;
        }
    }

    private int Child(int node, char c)
    {
        if (node == 0) return _rootTable[c];
        ref readonly var n = ref _nodes[node];
        var start = n.ChildStart;
        var count = n.ChildCount;
        if (count <= 8)
        {
            for (var i = start; i < start + count; i++)
            {
                if (_edges[i].Label == c) return _edges[i].Target;
            }

            return -1;
        }

        var lo = start;
        var hi = start + count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var mc = _edges[mid].Label;
            if (mc == c) return _edges[mid].Target;
            if (mc < c) lo = mid + 1;
            else hi = mid - 1;
        }

        return -1;
    }

    /// <summary>Finds every phrase occurrence; matches never cross a sentence boundary.</summary>
    public void FindAll(TokenBuffer buffer, MatchList sink)
    {
        Span<int> offsets = stackalloc int[4];
        var tokens = buffer.Tokens;
        for (var i = 0; i < buffer.Count; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.IsArticle) continue;
            var key = buffer.Key(t);
            if (t.Kind == TokenKind.Arabic)
            {
                var n = ArabicKey.Variants(key, offsets);
                for (var v = 0; v < n; v++) Walk(buffer, i, offsets[v], sink);
            }
            else
            {
                Walk(buffer, i, 0, sink);
            }
        }
    }

    private void Walk(TokenBuffer buffer, int startToken, int offset, MatchList sink)
    {
        var node = 0;
        var t = startToken;
        var tokens = buffer.Tokens;
        while (true)
        {
            var key = buffer.Key(t)[offset..];
            for (var c = 0; c < key.Length; c++)
            {
                node = Child(node, key[c]);
                if (node < 0) return;
                ref readonly var n = ref _nodes[node];
                if (n.PrefixCount > 0)
                {
                    for (var e = n.PrefixStart; e < n.PrefixStart + n.PrefixCount; e++) sink.Add(_entryRefs[e], startToken, t);
                }
            }

            ref readonly var end = ref _nodes[node];
            if (end.ExactCount > 0)
            {
                for (var e = end.ExactStart; e < end.ExactStart + end.ExactCount; e++) sink.Add(_entryRefs[e], startToken, t);
            }

            node = Child(node, Separator);
            if (node < 0) return;
            var next = t + 1;
            while (next < buffer.Count && tokens[next].IsArticle) next++;
            if (next >= buffer.Count || tokens[next].Sentence != tokens[t].Sentence) return;
            t = next;
            offset = tokens[t].Kind == TokenKind.Arabic ? ArabicKey.StripArticle(buffer.Key(t), 0) : 0;
        }
    }

    /// <summary>Accumulates phrases, then freezes them into the compact searchable form.</summary>
    internal sealed class Builder
    {
        internal readonly List<Dictionary<char, int>?> Children = [null];
        internal readonly List<List<int>?> Exact = [null];
        internal readonly List<List<int>?> PrefixEntries = [null];
        internal readonly List<LexEntry> EntryList = [];
        private readonly Dictionary<LexEntry, int> _entryIds = [];
        private readonly TokenBuffer _scratch = new();

        public int PhraseCount { get; private set; }

        /// <summary>Adds a phrase (written naturally; it is normalised like text). Returns false when nothing is left to match.</summary>
        public bool Add(string phrase, LexEntry entry)
        {
            var keys = KeysOf(phrase, _scratch);
            if (keys.Count == 0) return false;
            AddKeys(keys, entry);
            return true;
        }

        public void AddKeys(IReadOnlyList<string> keys, LexEntry entry)
        {
            var node = 0;
            for (var k = 0; k < keys.Count; k++)
            {
                if (k > 0) node = Step(node, Separator);
                foreach (var c in keys[k]) node = Step(node, c);
            }

            if (!_entryIds.TryGetValue(entry, out var id))
            {
                id = EntryList.Count;
                EntryList.Add(entry);
                _entryIds[entry] = id;
            }

            var list = entry.Prefix ? (PrefixEntries[node] ??= []) : (Exact[node] ??= []);
            if (!list.Contains(id))
            {
                list.Add(id);
                PhraseCount++;
            }
        }

        private int Step(int node, char c)
        {
            var kids = Children[node] ??= [];
            if (!kids.TryGetValue(c, out var next))
            {
                next = Children.Count;
                Children.Add(null);
                Exact.Add(null);
                PrefixEntries.Add(null);
                kids[c] = next;
            }

            return next;
        }

        public PhraseTrie Build() => new(this);
    }

    /// <summary>Canonical token keys of a phrase: normalised, Arabic article removed, Latin articles skipped.</summary>
    public static List<string> KeysOf(string phrase, TokenBuffer scratch)
    {
        scratch.Clear();
        scratch.Append(phrase, TextPart.Body);
        var keys = new List<string>(scratch.Count);
        for (var i = 0; i < scratch.Count; i++)
        {
            ref readonly var t = ref scratch.Tokens[i];
            if (t.IsArticle) continue;
            var key = scratch.Key(t);
            if (t.Kind == TokenKind.Arabic) key = key[ArabicKey.StripArticle(key, 0)..];
            keys.Add(key.ToString());
        }

        return keys;
    }
}

/// <summary>Growable, reusable list of matches.</summary>
internal sealed class MatchList
{
    public TrieMatch[] Items = new TrieMatch[256];
    public int Count;

    public void Clear() => Count = 0;

    public void Add(int entry, int start, int end)
    {
        if (Count == Items.Length) Array.Resize(ref Items, Items.Length * 2);
        ref var m = ref Items[Count++];
        m.Entry = entry;
        m.Start = start;
        m.End = end;
    }
}
