using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction;

/// <summary>Tunables of the extractor.</summary>
public sealed class ExtractorOptions
{
    /// <summary>
    /// Places whose incidents make a report relevant: Deir ez-Zor, al-Hasakah and Raqqa governorates, al-Tanf and
    /// the Rukban camp in the 55 km zone.
    /// </summary>
    public IReadOnlyList<string> RegionRootIds { get; init; } = ["SY09", "SY08", "SY11", "ES086", "ES087"];

    /// <summary>
    /// The one length limit of a report, title + text in UTF-16 units: ingest (API, import, feeds) refuses longer
    /// reports at the door, and the extractor reads no more.
    /// </summary>
    public const int MaxReportLength = 262_144;

    /// <summary>Longest title + text accepted (UTF-16 units); longer reports are refused with a reason, not read.</summary>
    public int MaxTextLength { get; init; } = MaxReportLength;
}

/// <summary>Compiled lexicon: one trie holding place names, actor aliases, triggers and cue words.</summary>
internal sealed class CompiledLexicon
{
    public const int CueShift = 20;
    public const int CueValueMask = (1 << CueShift) - 1;

    /// <summary>Place entries: value = index &lt;&lt; PlaceShift | article mask &lt;&lt; 1 | weak flag.</summary>
    public const int PlaceShift = 5;

    /// <summary>The name is also a common word: needs a place cue or a list of places around it.</summary>
    public const int WeakFlag = 1;

    /// <summary>
    /// Bits 1-4: which of the first four words of an Arabic name carry the article. Definiteness is part of the name:
    /// المزارع (the farms, a place) is not مزارع الحيدرية (the farms of al-Haydariya).
    /// </summary>
    public static int ArticleMaskOf(int value) => (value >> 1) & 0xF;

    private static int ArticleMask(string name, int keyCount)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != keyCount) return 0; // joined or split spelling: no constraint
        var mask = 0;
        for (var w = 0; w < Math.Min(4, words.Length); w++)
        {
            var word = words[w];
            if (word.Length > 3 && word[0] is '\u0627' or '\u0623' or '\u0625' && word[1] == '\u0644') mask |= 1 << w;
        }

        return mask;
    }

    public PhraseTrie Trie { get; }
    public Place[] Places { get; }
    public Actor[] Actors { get; }
    public int[][] Ancestors { get; }
    public int[] CityOf { get; }
    public bool[] InRegion { get; }
    public bool[] Reportable { get; }

    public const int KindOther = 0;
    public const int KindGovernorate = 1;
    public const int KindDistrict = 2;
    public const int KindSubdistrict = 3;
    public const int KindCountry = 4;
    public const int KindCity = 5;

    /// <summary>Place kind as a small number (no string comparisons on the hot path).</summary>
    public int[] KindClass { get; }

    public bool[] IsCountry { get; }

    public bool[] IsFieldOrBase { get; }

    public int[] ActorParent { get; }

    public int IsraelIndex { get; }

    public int IranBackedIndex { get; }

    public int IsisIndex { get; }

    /// <summary>Administrative units of Syria outside the watched region (Idlib, Damascus…).</summary>
    public bool[] Elsewhere { get; }

    /// <summary>
    /// Per place: the gazetteer's desert area named after it (بادية البوكمال for البوكمال, the district and the city
    /// alike), or -1. Derived from the names, so an operator's "بادية X" row links itself.
    /// </summary>
    public int[] DesertOf { get; }

    public CompiledLexicon(Gazetteer gazetteer, ExtractorOptions options)
    {
        Places = gazetteer.Places.ToArray();
        Actors = ActorTaxonomy.All.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Places.Length; i++) index[Places[i].Id] = i;

        Ancestors = new int[Places.Length][];
        CityOf = new int[Places.Length];
        InRegion = new bool[Places.Length];
        Reportable = new bool[Places.Length];
        Elsewhere = new bool[Places.Length];
        KindClass = Places.Select(p => p.Kind switch
        {
            "governorate" => KindGovernorate,
            "district" => KindDistrict,
            "subdistrict" => KindSubdistrict,
            "country" or "region" => KindCountry,
            "city" or "town" => KindCity,
            _ => KindOther,
        }).ToArray();
        IsCountry = Places.Select(p => p.Kind == "country").ToArray();
        IsFieldOrBase = Places.Select(p => p.Kind is "oil_field" or "gas_field" or "base").ToArray();
        ActorParent = Actors.Select(a => a.ParentId is { } pid ? Array.FindIndex(Actors, x => x.Id == pid) : -1).ToArray();
        IsraelIndex = Array.FindIndex(Actors, a => a.Id == "israel");
        IranBackedIndex = Array.FindIndex(Actors, a => a.Id == "iran_backed_militias");
        IsisIndex = Array.FindIndex(Actors, a => a.Id == "isis");
        DesertOf = new int[Places.Length];
        Array.Fill(DesertOf, -1);
        const string desertPrefix = "\u0628\u0627\u062F\u064A\u0629 "; // "بادية "
        for (var d = 0; d < Places.Length; d++)
        {
            if (Places[d].Kind != "desert_area" || !Places[d].NameAr.StartsWith(desertPrefix, StringComparison.Ordinal)) continue;
            var named = Places[d].NameAr[desertPrefix.Length..];
            for (var i = 0; i < Places.Length; i++)
            {
                if (i != d && Places[i].NameAr == named && DesertOf[i] < 0) DesertOf[i] = d;
            }
        }

        var roots = new HashSet<string>(options.RegionRootIds, StringComparer.Ordinal);
        for (var i = 0; i < Places.Length; i++)
        {
            var chain = gazetteer.AncestorsOf(Places[i].Id).Select(p => index[p.Id]).ToArray();
            Ancestors[i] = chain;
            CityOf[i] = -1;
            if (Places[i].Kind == "neighbourhood")
            {
                foreach (var a in chain)
                {
                    if (Places[a].Kind is "city" or "town")
                    {
                        CityOf[i] = a;
                        break;
                    }
                }
            }

            InRegion[i] = roots.Contains(Places[i].Id) || chain.Any(a => roots.Contains(Places[a].Id));
            var foreignAdmin = Places[i].IsAdministrative && (Places[i].Id == "IRAQ" || chain.Any(a => Places[a].Id == "IRAQ"));
            Elsewhere[i] = Places[i].IsAdministrative && !InRegion[i] && Places[i].Kind != "country";
            Reportable[i] = Places[i].Kind != "country" && !foreignAdmin && (InRegion[i] || !Places[i].IsAdministrative);
        }

        var b = new PhraseTrie.Builder();
        var scratch = new TokenBuffer();
        var weak = new HashSet<string>(Lexicon.WeakPlaceNames.Select(w => string.Join(' ', PhraseTrie.KeysOf(w, scratch))), StringComparer.Ordinal);
        for (var i = 0; i < Places.Length; i++)
        {
            foreach (var name in Gazetteer.NamesOf(Places[i]))
            {
                foreach (var keys in NameVariants(name, scratch))
                {
                    var isWeak = weak.Contains(string.Join(' ', keys));
                    var mask = ArticleMask(name, keys.Count);
                    b.AddKeys(keys, new LexEntry(EntryKind.Place, (i << PlaceShift) | (mask << 1) | (isWeak ? WeakFlag : 0), false));
                }
            }
        }

        var actorIndex = Actors.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var (phrase, id, prefix) in Lexicon.ActorAliases())
        {
            b.Add(phrase, new LexEntry(EntryKind.Actor, actorIndex[id], prefix));
        }

        foreach (var (type, phrases) in Lexicon.Triggers)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Trigger, type);
        }

        foreach (var (cue, value, phrases) in Lexicon.Cues)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(cue, value));
        }

        foreach (var (role, phrases) in Lexicon.RoleCues)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(Cue.Role, (int)role));
        }

        foreach (var (value, phrases) in Lexicon.Numbers)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(Cue.NumberWord, value));
        }

        for (var d = 0; d < Lexicon.Duals.Length; d++)
        {
            foreach (var p in Lexicon.Duals[d].Phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(Cue.Dual, d));
        }

        foreach (var (day, phrases) in Lexicon.Weekdays)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(Cue.Weekday, (int)day));
        }

        foreach (var (month, phrases) in Lexicon.Months)
        {
            foreach (var p in phrases) AddPhrase(b, p, EntryKind.Cue, CueValue(Cue.Month, month));
        }

        Trie = b.Build();
    }

    public static int CueValue(Cue cue, int value) => ((int)cue << CueShift) | (value & CueValueMask);

    private static void AddPhrase(PhraseTrie.Builder b, string phrase, EntryKind kind, int value)
    {
        var prefix = phrase.EndsWith('*');
        b.Add(prefix ? phrase[..^1] : phrase, new LexEntry(kind, value, prefix));
    }

    /// <summary>
    /// The name itself, plus its joined spelling when it has several words (دير الزور → ديرالزور) and its split
    /// spelling when it starts with البو/ابو (البوكمال → البو كمال).
    /// </summary>
    internal static IEnumerable<List<string>> NameVariants(string name, TokenBuffer scratch)
    {
        var keys = PhraseTrie.KeysOf(name, scratch);
        if (keys.Count == 0) yield break;
        yield return keys;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            var joined = PhraseTrie.KeysOf(string.Concat(words), scratch);
            if (joined.Count == 1) yield return joined;
        }
        else
        {
            foreach (var head in new[] { "البو", "ابو", "أبو", "Albu", "Abu" })
            {
                if (name.Length > head.Length + 2 && name.StartsWith(head, StringComparison.OrdinalIgnoreCase))
                {
                    var split = PhraseTrie.KeysOf(head + " " + name[head.Length..], scratch);
                    if (split.Count == 2) yield return split;
                }
            }
        }
    }
}
