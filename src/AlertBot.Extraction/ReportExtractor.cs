using System.Globalization;
using AlertBot.Extraction.Matching;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction;

/// <summary>
/// Reads one report: relevance, event types, incident places, actors, counts and event date, each with the spans of
/// the original text it came from. Thread-safe; construct once per gazetteer. Each thread keeps a reusable workspace,
/// so the hot path (normalise, one trie pass, rules) allocates only the result.
/// </summary>
public sealed partial class ReportExtractor
{
    private const int NegationWindow = 3;

    /// <summary>Spans kept per extracted item (a moderation card needs a handful, not hundreds).</summary>
    private const int MaxSpans = 32;

    /// <summary>Bit of the per-token cue mask marking that a typed trigger starts there.</summary>
    private const int TriggerBit = 63;

    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly CompiledLexicon _lex;
    private readonly ExtractorOptions _options;

    /// <summary>Builds the lexicon (gazetteer names, actor aliases, cue words) once.</summary>
    public ReportExtractor(Gazetteer gazetteer, ExtractorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        Gazetteer = gazetteer;
        _options = options ?? new ExtractorOptions();
        _lex = new CompiledLexicon(gazetteer, _options);
    }

    /// <summary>The gazetteer the extractor resolves places against.</summary>
    public Gazetteer Gazetteer { get; }

    /// <summary>Number of phrases in the compiled trie (names and their spellings, aliases, cue words).</summary>
    public int LexiconSize => _lex.Trie.PhraseCount;

    /// <summary>Extracts the structured fields of a report. Never throws on content; over-long input is refused with a reason.</summary>
    public Extraction Extract(ReportText report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = report.Title ?? string.Empty;
        var text = report.Text ?? string.Empty;
        var total = (long)title.Length + text.Length;
        if (total > _options.MaxTextLength)
        {
            return Irrelevant(report.Language ?? "und",
                string.Create(CultureInfo.InvariantCulture, $"text too long: {total} characters (limit {_options.MaxTextLength})"));
        }

        var ws = t_workspace ??= new Workspace();
        ws.Reset();
        var buf = ws.Buffer;
        if (title.Length > 0) buf.Append(title, TextPart.Title);
        buf.Append(text, TextPart.Body);
        var language = report.Language is "ar" or "en" ? report.Language : DetectLanguage(buf);
        if (buf.Count == 0) return Irrelevant(language, "empty text");

        _lex.Trie.FindAll(buf, ws.Matches);
        ws.Select(_lex.Trie);
        ws.IndexCues(_lex);
        var analysis = ws.Analysis ??= new Analysis(ws);
        analysis.Reset(this, report);
        return analysis.Run(language);
    }

    private static Extraction Irrelevant(string language, string reason) =>
        new(false, reason, language, [], [], [], [], null, [], []);

    private static string DetectLanguage(TokenBuffer buf)
    {
        var arabic = 0;
        var latin = 0;
        for (var i = 0; i < buf.Count; i++)
        {
            if (buf.Tokens[i].Kind == TokenKind.Arabic) arabic++;
            else if (buf.Tokens[i].Kind == TokenKind.Latin) latin++;
        }

        return arabic >= latin ? "ar" : "en";
    }

    /// <summary>A selected match: an entry covering tokens [Start, End].</summary>
    internal struct Sel
    {
        public LexEntry Entry;
        public int Start;
        public int End;
    }

    /// <summary>Per-thread reusable buffers.</summary>
    internal sealed class Workspace
    {
        public readonly TokenBuffer Buffer = new();
        public readonly MatchList Matches = new();
        public Sel[] Entities = new Sel[128];
        public int EntityCount;
        public Sel[] Cues = new Sel[512];
        public int CueCount;
        public ulong[] CueMask = new ulong[1024];
        public int[] CueEnd = new int[1024];
        public int[] NumberWord = new int[1024];
        public int[] DualKey = new int[1024];
        public int[] Weekday = new int[1024];
        public int[] Month = new int[1024];
        public int[] SentenceStart = new int[128];
        public Analysis? Analysis;

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
                CueEnd = new int[size];
                NumberWord = new int[size];
                DualKey = new int[size];
                Weekday = new int[size];
                Month = new int[size];
            }

            Array.Clear(CueMask, 0, n + 1);
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
                CueMask[s.Start] |= 1UL << (int)cue;
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

    /// <summary>The rules, run over one report's tokens and matches.</summary>
    internal sealed partial class Analysis
    {
        private static readonly string[] CountKeys = ["rockets", "drones", "strikes", "killed", "wounded"];
        private readonly Workspace _ws;
        private readonly TokenBuffer _buf;
        private readonly List<List<TextSpan>> _spanPool = [];
        private int _spanPoolUsed;
        private ReportText _report = null!;
        private Token[] _tok = [];
        private CompiledLexicon _lex = null!;
        private bool[] _incident = new bool[64];

        /// <summary>Per sentence: first background token (habitual/historical framing applies from there on).</summary>
        private int[] _bgFrom = new int[64];

        /// <summary>Per token: inside a clause that reports an incident.</summary>
        private bool[] _segIncident = new bool[1024];
        private readonly List<TextSpan>?[] _typeSpans = new List<TextSpan>?[7];
        private readonly int[] _typeOrder = new int[7];
        private readonly Dictionary<int, List<TextSpan>> _places = [];
        private readonly List<int> _placeOrder = [];
        private readonly Dictionary<int, List<TextSpan>> _actors = [];
        private readonly List<int> _actorOrder = [];
        private readonly List<(int Sentence, TextSpan Span)> _relevanceSpans = [];
        private readonly List<(int Type, int Sentence, int Token, TextSpan Span)> _marks = [];
        private readonly List<(string Key, int Value, bool Toll, int Order, TextSpan Span)> _counts = [];

        /// <summary>Weapons named in the singular without a number: one each, when no figure is given anywhere.</summary>
        private readonly List<(string Key, TextSpan Span)> _singles = [];
        private int _sentenceCount;
        private int _refYear;

        public Analysis(Workspace ws)
        {
            _ws = ws;
            _buf = ws.Buffer;
        }

        /// <summary>Prepares for a new report; every collection is cleared and reused.</summary>
        public void Reset(ReportExtractor owner, ReportText report)
        {
            _report = report;
            _lex = owner._lex;
            _tok = _buf.Tokens;
            _sentenceCount = _buf.SentenceCount;
            if (_incident.Length < _sentenceCount)
            {
                _incident = new bool[Math.Max(_sentenceCount, _incident.Length * 2)];
                _bgFrom = new int[_incident.Length];
            }

            if (_segIncident.Length < _buf.Count) _segIncident = new bool[Math.Max(_buf.Count, _segIncident.Length * 2)];
            Array.Clear(_incident, 0, _sentenceCount);
            Array.Fill(_bgFrom, int.MaxValue, 0, _sentenceCount);
            Array.Clear(_segIncident, 0, _buf.Count);
            Array.Fill(_typeOrder, int.MaxValue);
            foreach (var list in _typeSpans) list?.Clear();
            _places.Clear();
            _placeOrder.Clear();
            _actors.Clear();
            _actorOrder.Clear();
            _relevanceSpans.Clear();
            _marks.Clear();
            _counts.Clear();
            _singles.Clear();
            _resolved.Clear();
            _elsewhereNames.Clear();
            _anchors.Clear();
            _heads.Clear();
            ResetRoles();
            _spanPoolUsed = 0;
        }

        private List<TextSpan> RentSpanList()
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

        private bool InIncident(int token) => _incident[_tok[token].Sentence] && _segIncident[token] && !IsBg(token);

        private bool IsBg(int token) => token >= _bgFrom[_tok[token].Sentence];

        private bool Has(int token, Cue cue) => token >= 0 && token < _buf.Count && (_ws.CueMask[token] & (1UL << (int)cue)) != 0;

        private int SentStart(int s) => _ws.SentenceStart[s];

        private int SentEnd(int s)
        {
            // exclusive
            for (var t = s + 1; t <= _sentenceCount; t++)
            {
                if (t == _sentenceCount) return _buf.Count;
                if (_ws.SentenceStart[t] >= 0) return _ws.SentenceStart[t];
            }

            return _buf.Count;
        }

        private TextSpan Span(int start, int end)
        {
            ref readonly var a = ref _tok[start];
            ref readonly var b = ref _tok[end];
            if (a.Part != b.Part) return new TextSpan(a.Part, a.OrigStart, a.OrigLength);
            return new TextSpan(a.Part, a.OrigStart, b.OrigStart + b.OrigLength - a.OrigStart);
        }

        public Extraction Run(string language)
        {
            _refYear = _report.PublishedAt?.Year ?? MaxYear();
            for (var s = 0; s < _sentenceCount; s++)
            {
                if (SentStart(s) < 0) continue;
                AnalyseSentence(s, SentStart(s), SentEnd(s));
            }
            ResolvePlaces();
            foreach (var (type, sentence, token, span) in _marks)
            {
                if (!_incident[sentence]) continue;
                var list = _typeSpans[type] ??= [];
                if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
                _typeOrder[type] = Math.Min(_typeOrder[type], token);
            }

            ResolveActors();
            var relevant = DecideRelevance(out var reason, out var inRegionPlaces);
            if (!relevant)
            {
                return new Extraction(false, reason, language, [], [], [], [], null, [], _relevanceSpans.Select(r => r.Span).ToArray());
            }

            var types = new List<EventTypeHit>();
            foreach (var i in Enumerable.Range(0, 7).Where(i => _typeSpans[i] is { Count: > 0 }).OrderBy(i => _typeOrder[i]))
                types.Add(new EventTypeHit(EventTypes.All[i], _typeSpans[i]!.ToArray()));
            if (types.Count == 0 && FirstBombardment() is var (from, to) && from >= 0)
            {
                // A report whose only attack is an unqualified قصف (bombardment) on a located place: ground shelling.
                types.Add(new EventTypeHit(EventTypes.Shelling, [Span(from, to)]));
            }

            var places = inRegionPlaces.Select(i => new PlaceHit(_lex.Places[i], _places[i].ToArray())).ToArray();
            var actors = _actorOrder.Select(i => new ActorHit(_lex.Actors[i], _actors[i].ToArray(), RoleOf(i))).ToArray();
            var counts = BuildCounts();
            var (date, dateSpans) = ResolveDate();
            var why = _relevanceSpans.Where(r => _incident[r.Sentence]).Select(r => r.Span).ToArray();
            return new Extraction(true, null, language, types, places, actors, counts, date, dateSpans, why);
        }

        private (int From, int To) FirstBombardment()
        {
            for (var t = 0; t < _buf.Count; t++)
            {
                if (Has(t, Cue.Bombard) && InIncident(t) && !Negated(t, SentStart(_tok[t].Sentence))) return (t, _ws.CueEnd[t]);
            }

            return (-1, -1);
        }

        private int MaxYear()
        {
            var max = 0;
            for (var i = 0; i < _buf.Count; i++)
            {
                var v = _tok[i].NumberValue;
                if (_tok[i].Kind == TokenKind.Number && v is >= 1900 and <= 2100 && v > max) max = (int)v;
            }

            return max == 0 ? int.MaxValue : max;
        }

        // ---------------------------------------------------------------- sentences and triggers

        private void AnalyseSentence(int s, int start, int end)
        {
            var bgFrom = int.MaxValue;
            for (var t = start; t < end; t++)
            {
                if (Has(t, Cue.Background)) bgFrom = Math.Min(bgFrom, t - start <= 2 ? start : t);
                if (Has(t, Cue.History) || Has(t, Cue.Trend)) bgFrom = start;
                if (Has(t, Cue.During) && PeriodAfter(t)) bgFrom = start; // a tally over days or months
                if ((Has(t, Cue.Since) && DatedAfter(t)) || (Has(t, Cue.PastAux) && QadAfter(t))) bgFrom = Math.Min(bgFrom, t - start <= 2 ? start : t);
                if (_tok[t].Kind == TokenKind.Number && _tok[t].NumberValue is >= 1900 and <= 2100 && _tok[t].NumberValue < _refYear - (IsFullDate(t) ? 1 : 0))
                    bgFrom = start; // a year before publication: history (a full date may be late last year)
            }

            _bgFrom[s] = bgFrom;
            if (bgFrom <= start) return;
            end = Math.Min(end, bgFrom);

            var generic = false;
            for (var t = start; t < end; t++)
            {
                if (Has(t, Cue.GenericScope)) generic = true;
            }

            // Segments split at clause conjunctions (في حين، فيما، while).
            var segStart = start;
            for (var t = start; t <= end; t++)
            {
                if (t == end || (t > segStart && Has(t, Cue.ClauseJoin)))
                {
                    AnalyseSegment(s, segStart, t, generic);
                    segStart = t;
                }
            }
        }

        /// <summary>"منذ 17 تشرين الأول", "since 2019": a date or a year within three tokens after "since".</summary>
        private bool DatedAfter(int t)
        {
            var s = _tok[t].Sentence;
            for (var j = _ws.CueEnd[t] + 1; j < Math.Min(_buf.Count, _ws.CueEnd[t] + 4) && _tok[j].Sentence == s; j++)
            {
                if (_ws.Month[j] > 0 || NumberAt(j) is >= 1900 and <= 2100) return true;
            }

            return false;
        }

        /// <summary>"خلال 6 أيام", "over the past two weeks": a number and a period of days or more.</summary>
        private bool PeriodAfter(int t)
        {
            var j = _ws.CueEnd[t] + 1;
            if (j >= _buf.Count || NumberAt(j) < 0) return false;
            j = _ws.CueEnd[j] + 1;
            return j < _buf.Count && _tok[j].Sentence == _tok[t].Sentence && Has(j, Cue.PeriodUnit);
        }

        /// <summary>"وكانت قواعدها قد تعرضت": a past auxiliary with قد within three tokens is the pluperfect.</summary>
        private bool QadAfter(int t)
        {
            var s = _tok[t].Sentence;
            for (var j = _ws.CueEnd[t] + 1; j < Math.Min(_buf.Count, _ws.CueEnd[t] + 4) && _tok[j].Sentence == s; j++)
            {
                if (Has(j, Cue.Qad)) return true;
            }

            return false;
        }

        /// <summary>The year at <paramref name="t"/> ends a day-month-year date (8 أيلول 2023, 2-10-2023).</summary>
        private bool IsFullDate(int t)
        {
            for (var j = t - 1; j >= Math.Max(0, t - 3); j--)
            {
                if (Has(j, Cue.Month) && _ws.CueEnd[j] == t - 1) return true;
            }

            return t >= 2 && NumberAt(t - 1) is >= 1 and <= 12 && NumberAt(t - 2) is >= 1 and <= 31;
        }

        private bool Negated(int token, int segStart)
        {
            for (var j = token - 1; j >= Math.Max(segStart, token - NegationWindow); j--)
            {
                if (Has(j, Cue.Negation)) return true;
            }

            return false;
        }

        private bool Overflown(int token, int segStart)
        {
            for (var j = token - 1; j >= Math.Max(segStart, token - 3); j--)
            {
                if (Has(j, Cue.Overflight)) return true;
            }

            return false;
        }

        private bool CivilianAfter(int token, int segEnd)
        {
            for (var j = token + 1; j < Math.Min(segEnd, token + 4); j++)
            {
                if (Has(j, Cue.Civilian)) return true;
            }

            return false;
        }

        /// <summary>"strikes targeted a convoy", "استهداف قافلة": the convoy is the attack's target, not an arrival.</summary>
        private bool AttackedBefore(int token, int segStart)
        {
            for (var j = token - 1; j >= Math.Max(segStart, token - 5); j--)
            {
                if (Has(j, Cue.AttackVerb) || Has(j, Cue.StrikeNoun)) return true;
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
            var cues = _ws.Cues;
            for (var k = LowerBound(cues, _ws.CueCount, start); k < _ws.CueCount; k++)
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
                    if (type == 5 && _tok[c.Start].Kind == TokenKind.Latin && Has(c.Start - 1, Cue.Stative)) continue;
                    if (type == 5 && AttackedBefore(c.Start, start)) continue;
                    if (!typed[type])
                    {
                        typed[type] = true;
                        typedAt[type] = k;
                    }
                }
            }

            for (var t = start; t < end; t++)
            {
                var m = _ws.CueMask[t];
                if (m == 0) continue;
                if (Has(t, Cue.AttackVerb) && !Negated(t, start) && attackAt < 0) attackAt = t;
                if (Has(t, Cue.IncidentOther) && !Negated(t, start) && otherAt < 0) otherAt = t;
                if (Has(t, Cue.Aircraft) && !Overflown(t, start) && !Negated(t, start) && aircraftAt < 0) aircraftAt = t;
                if (Has(t, Cue.Drone) && !Overflown(t, start) && droneAt < 0) droneAt = t;
                if (Has(t, Cue.Base)) baseCue = true;
                if (Has(t, Cue.Bombard) && !Negated(t, start)) bombard = true;
                if (Has(t, Cue.StrikeNoun) && !Negated(t, start) && strikeAt < 0) strikeAt = t;
                if (Has(t, Cue.GroundAttacker) || Has(t, Cue.GroundTarget)) ground = true;
                if (Has(t, Cue.GroundAttacker)) groundAttacker = true;
                if (Has(t, Cue.Move) && moveAt < 0) moveAt = t;
                if (moveAt >= 0 && t > moveAt && t <= moveAt + 4 && Has(t, Cue.Facility)) facilityAfterMove = true;
            }

            for (var k = LowerBound(_ws.Entities, _ws.EntityCount, start); k < _ws.EntityCount; k++)
            {
                ref readonly var e = ref _ws.Entities[k];
                if (e.Start >= end) break;
                if (e.Entry.Kind == EntryKind.Actor && e.Entry.Value == _lex.IsraelIndex && !NearGazaWar(e.Start)) israel = true;
                if (e.Entry.Kind == EntryKind.Actor && e.Entry.Value == _lex.IsisIndex) ground = groundAttacker = true; // ISIS cells fight on the ground
            }

            var any = false;
            var marksBefore = _marks.Count;
            void Mark(int type, int from, int to)
            {
                any = true;
                _marks.Add((type, s, from, Span(from, to)));
            }

            // Aircraft / drones are attacks only with an attack verb (an overflight is not an attack).
            var hasAttack = attackAt >= 0;
            // Aircraft firing missiles (طائرات حربية أطلقت صواريخ) strike from the air even without an attack verb.
            if (aircraftAt >= 0 && (hasAttack || typed[3] || (typed[1] && cues[typedAt[1]].Start > aircraftAt))) Mark(3, aircraftAt, _ws.CueEnd[aircraftAt]);
            if (droneAt >= 0 && hasAttack) Mark(2, droneAt, _ws.CueEnd[droneAt]);
            // Missiles in a clause whose actor is an aircraft or a drone were fired from the air.
            var airborne = typed[3] || aircraftAt >= 0 || (typed[1] && droneAt >= 0 && attackAt > droneAt && attackAt < cues[typedAt[1]].Start);
            for (var type = 0; type < 7; type++)
            {
                if (!typed[type]) continue;
                if (type == 1 && airborne) continue; // missiles fired by aircraft
                ref readonly var c = ref cues[typedAt[type]];
                Mark(type, c.Start, c.End);
            }

            if (moveAt >= 0 && facilityAfterMove && !Negated(moveAt, start)) Mark(4, moveAt, _ws.CueEnd[moveAt]);

            // An attack whose weapon is not named: Israeli attacks are air raids, gunmen fight on the ground,
            // a bombarded base is hit by rockets.
            var weaponNamed = typed[0] || typed[1] || typed[2] || typed[3] || typed[6] || (aircraftAt >= 0 && hasAttack) || (droneAt >= 0 && hasAttack);
            if (!weaponNamed && hasAttack)
            {
                if (israel) Mark(3, attackAt, _ws.CueEnd[attackAt]);
                else if (strikeAt >= 0) Mark(3, strikeAt, _ws.CueEnd[strikeAt]); // "US strikes", ضربات: air strikes
                else if (ground && (groundAttacker || !Has(attackAt, Cue.Bombard))) Mark(6, attackAt, _ws.CueEnd[attackAt]); // a bombarded post is not ground fighting
                else if (baseCue && bombard) Mark(1, attackAt, _ws.CueEnd[attackAt]);
            }

            if (any || hasAttack || otherAt >= 0)
            {
                if (generic && !HasPlaceIn(start, end))
                {
                    // "attacks on bases in Syria and Iraq": too generic to be an incident.
                    _marks.RemoveRange(marksBefore, _marks.Count - marksBefore);
                    return;
                }

                _incident[s] = true;
                Array.Fill(_segIncident, true, start, end - start);
                var at = attackAt >= 0 ? attackAt : otherAt >= 0 ? otherAt : start;
                for (var k = marksBefore; k < _marks.Count; k++) _relevanceSpans.Add((s, _marks[k].Span));
                if (_marks.Count == marksBefore) _relevanceSpans.Add((s, Span(at, Math.Max(at, _ws.CueEnd[at]))));
            }
        }

        private bool IsDefiniteShells(int token)
        {
            // "القذائف" (the shells) refers back to a projectile already named; only indefinite shells are shelling.
            if (_ws.CueEnd[token] != token) return false;
            var key = _buf.Key(token);
            var o = key.Length > 0 && key[0] is '\u0648' or '\u0641' ? 1 : 0;
            if (key.Length - o > 0 && key[o] is '\u0628' or '\u0644') o++;
            if (key.Length - o < 4 || key[o] != '\u0627' || key[o + 1] != '\u0644') return false;
            var stem = key[(o + 2)..];
            return stem is "\u0642\u0630\u0627\u064A\u0641" or "\u0642\u0630\u064A\u0641\u0647";
        }

        private bool NearGazaWar(int token)
        {
            for (var j = Math.Max(0, token - 4); j <= Math.Min(_buf.Count - 1, token + 4); j++)
            {
                if (Has(j, Cue.GazaWar) && _tok[j].Sentence == _tok[token].Sentence) return true;
            }

            return false;
        }

        /// <summary>First index whose Start is at or after <paramref name="start"/> (selections are sorted by Start).</summary>
        private static int LowerBound(Sel[] arr, int count, int start)
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

        private bool HasPlaceIn(int start, int end)
        {
            for (var k = LowerBound(_ws.Entities, _ws.EntityCount, start); k < _ws.EntityCount; k++)
            {
                ref readonly var e = ref _ws.Entities[k];
                if (e.Start >= end) break;
                if (e.Entry.Kind == EntryKind.Place && !_lex.IsCountry[e.Entry.Value >> CompiledLexicon.PlaceShift]) return true;
            }

            return false;
        }

        // ---------------------------------------------------------------- places

        private readonly List<(int Sel, int Place)> _resolved = [];
        private readonly List<string> _elsewhereNames = [];
        private readonly List<(int Sentence, int Place)> _anchors = [];
        private readonly List<int> _heads = [];

        private void ResolvePlaces()
        {
            // Pass 1: unambiguous places (anchors for geographic disambiguation).
            var anchors = _anchors;
            var heads = _heads;
            for (var k = 0; k < _ws.EntityCount; k++)
            {
                ref readonly var e = ref _ws.Entities[k];
                if (e.Entry.Kind != EntryKind.Place) continue;
                if (k > 0 && _ws.Entities[k - 1].Entry.Kind == EntryKind.Place && _ws.Entities[k - 1].Start == e.Start) continue;
                if (!Accept(k)) continue;
                heads.Add(k);
                var anchor = AnchorOf(k);
                if (anchor >= 0) anchors.Add((_tok[e.Start].Sentence, anchor));
            }

            foreach (var k in heads) _resolved.Add((k, Choose(k, anchors)));

            // A sentence located only in other Syrian governorates (Idlib, Damascus…) is not a regional incident.
            var r = 0;
            while (r < _resolved.Count)
            {
                var s = _tok[_ws.Entities[_resolved[r].Sel].Start].Sentence;
                var first = r;
                var located = false;
                var elsewhereOnly = true;
                for (; r < _resolved.Count && _tok[_ws.Entities[_resolved[r].Sel].Start].Sentence == s; r++)
                {
                    var p = _resolved[r].Place;
                    if (_lex.IsCountry[p]) continue;
                    located = true;
                    if (!_lex.Elsewhere[p]) elsewhereOnly = false;
                }

                if (!_incident[s] || !located || !elsewhereOnly) continue;
                for (var j = first; j < r; j++)
                {
                    var name = _lex.Places[_resolved[j].Place].NameEn;
                    if (_lex.Elsewhere[_resolved[j].Place] && !_elsewhereNames.Contains(name) && _elsewhereNames.Count < 8) _elsewhereNames.Add(name);
                }

                _incident[s] = false;
                _bgFrom[s] = SentStart(s);
            }

            for (var i = 0; i < _resolved.Count; i++)
            {
                var (sel, p) = _resolved[i];
                ref readonly var e = ref _ws.Entities[sel];
                if (!InIncident(e.Start) || IsReferencePoint(i)) continue;
                AddPlace(p, Span(e.Start, e.End));
            }
        }

        /// <summary>"… شرقي دير الزور", "south of Hasakah": a direction before a name makes it a reference point when the
        /// sentence names another place.</summary>
        private bool IsReferencePoint(int resolvedIndex)
        {
            ref readonly var e = ref _ws.Entities[_resolved[resolvedIndex].Sel];
            var prev = PrevToken(e.Start);
            if (prev >= 0 && (Has(prev, Cue.CityCue) || Has(prev, Cue.GovernorateCue)) && !Has(prev, Cue.Direction)) prev = PrevToken(prev);
            var isDirection = Has(prev, Cue.Direction);
            if (!isDirection && prev >= 1)
            {
                // multi-word directions ("north of"): the cue starts earlier and ends at prev
                for (var j = Math.Max(0, prev - 2); j < prev; j++)
                {
                    if (Has(j, Cue.Direction) && _ws.CueEnd[j] == prev) isDirection = true;
                }
            }

            var sentence = _tok[e.Start].Sentence;
            if (Has(PrevToken(e.Start), Cue.Landmark) && !IsFieldPlace(_resolved[resolvedIndex].Sel))
            {
                // "قرب جسر العشارة في بلدة درنج": the other place of the sentence, before or after, is the incident's.
                for (var j = 0; j < _resolved.Count; j++)
                {
                    var (other, p) = _resolved[j];
                    if (j != resolvedIndex && _tok[_ws.Entities[other].Start].Sentence == sentence && !_lex.IsCountry[p] && p != _resolved[resolvedIndex].Place) return true;
                }
            }

            if (!isDirection) return false;
            for (var j = resolvedIndex - 1; j >= 0; j--)
            {
                var (other, p) = _resolved[j];
                if (_tok[_ws.Entities[other].Start].Sentence != sentence) break;
                if (!_lex.IsCountry[p]) return true;
            }

            return false;
        }

        private void AddPlace(int place, TextSpan span)
        {
            if (!_places.TryGetValue(place, out var list))
            {
                _places[place] = list = RentSpanList();
                _placeOrder.Add(place);
            }

            if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
        }

        /// <summary>
        /// The place a mention pins down for disambiguating others: the only candidate, or — when every candidate lies
        /// within ~50 km of the others (a governorate, its district and its city share a name) — the first of them.
        /// </summary>
        private int AnchorOf(int k)
        {
            var start = _ws.Entities[k].Start;
            var first = -1;
            for (var j = k; j < _ws.EntityCount && _ws.Entities[j].Start == start; j++)
            {
                if (_ws.Entities[j].Entry.Kind != EntryKind.Place) continue;
                var p = _ws.Entities[j].Entry.Value >> CompiledLexicon.PlaceShift;
                if (first < 0)
                {
                    first = p;
                    continue;
                }

                var a = _lex.Places[first];
                var b = _lex.Places[p];
                if (a.Lat is not { } alat || a.Lon is not { } alon || b.Lat is not { } blat || b.Lon is not { } blon) return -1;
                if (Math.Sqrt(((alat - blat) * (alat - blat)) + ((alon - blon) * (alon - blon))) * 100 > 50) return -1;
            }

            return first;
        }

        private int CandidateCount(int k)
        {
            var start = _ws.Entities[k].Start;
            var n = 0;
            for (var j = k; j < _ws.EntityCount && _ws.Entities[j].Start == start; j++)
            {
                if (_ws.Entities[j].Entry.Kind == EntryKind.Place) n++;
            }

            return n;
        }

        /// <summary>Rejects outlet names, lower-case English words, and common-word names without a place cue.</summary>
        private bool Accept(int k)
        {
            ref readonly var e = ref _ws.Entities[k];
            ref readonly var first = ref _tok[e.Start];
            if (first.Kind == TokenKind.Latin && !first.Capitalised) return false;
            if (IsDateline(e.Start, e.End)) return false;
            var prev = PrevToken(e.Start);
            var prev2 = prev >= 0 ? PrevToken(prev) : -1;
            if (Has(prev, Cue.Media) || (Has(prev2, Cue.Media) && !Has(prev, Cue.PlaceIntro))) return false;
            var next = e.End + 1;
            if (next < _buf.Count && _tok[next].Sentence == first.Sentence)
            {
                if (Has(next, Cue.Media) && _tok[next].Kind == TokenKind.Latin) return false;
                if (_tok[next].Kind == TokenKind.Number && !_tok[next].PunctBefore && _tok[next].NumberValue is > 0 and < 1000 && !Has(next + 1, Cue.Month) && !Has(next + 1, Cue.Unit) && !IsCountNoun(next + 1)) return false;
            }

            // حقل الجفرة / Jafra field: a field before a village name means a different (field) place.
            if (Has(prev, Cue.PlaceIntro) && IsFieldWord(prev) && !IsFieldPlace(k)) return false;

            var weak = false;
            var definiteOk = false;
            for (var j = k; j < _ws.EntityCount && _ws.Entities[j].Start == e.Start; j++)
            {
                if (_ws.Entities[j].Entry.Kind != EntryKind.Place) continue;
                if ((_ws.Entities[j].Entry.Value & CompiledLexicon.WeakFlag) != 0) weak = true;
                if (DefinitenessMatches(_ws.Entities[j])) definiteOk = true;
            }

            // قرية هري for الهري: after a place noun the name may drop its article.
            if (!definiteOk && (weak || !Has(prev, Cue.PlaceIntro) || Has(prev, Cue.Direction))) return false;
            if (IsSourceLocation(e.Start)) return false;
            if (!weak) return true;
            if (Has(prev, Cue.PlaceIntro) || Has(prev, Cue.CityCue) || Has(prev, Cue.GovernorateCue)) return true;
            if (first.Kind == TokenKind.Arabic && ArabicKey.Variants(_buf.Key(first), stackalloc int[4]) > 1 && StartsWithClitic(first) && !first.PunctBefore && PreviousIsPlace(k))
                return true;
            if (first.PunctBefore && PreviousIsPlace(k)) return true;
            return false;
        }

        /// <summary>"BAGHDAD (AP) —", "BEIRUT —": a capitalised city before punctuation is where the copy was filed.</summary>
        private bool IsDateline(int start, int end)
        {
            ref readonly var first = ref _tok[start];
            if (first.Kind != TokenKind.Latin || first.OrigLength < 4 || !IsUpper(first)) return false;
            return end + 1 >= _buf.Count || _tok[end + 1].PunctBefore || _tok[end + 1].Sentence != first.Sentence;
        }

        /// <summary>"قالت مصادر أهلية في قرية حوايج ذيبان", "activists in Hajin said": where the source is, not the incident.</summary>
        private bool IsSourceLocation(int start)
        {
            var s = _tok[start].Sentence;
            for (var j = start - 1; j >= Math.Max(0, start - 4) && _tok[j].Sentence == s; j--)
            {
                if (IsTriggerAt(j) || Has(j, Cue.AttackVerb) || _tok[j].PunctBefore && j < start - 1) return false;
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
                if (_tok[t].IsArticle) continue;
                if ((mask & (1 << w)) != 0 && _tok[t].Kind == TokenKind.Arabic && !HasArticle(_buf.Key(t))) return false;
                w++;
            }

            return true;
        }

        private static bool HasArticle(ReadOnlySpan<char> key)
        {
            var o = key.Length > 0 && key[0] is '\u0648' or '\u0641' ? 1 : 0;
            if (key.Length - o >= 2 && key[o] == '\u0644' && key[o + 1] == '\u0644') return true; // لل
            if (key.Length - o > 0 && key[o] is '\u0628' or '\u0644' or '\u0643') o++;
            return key.Length - o >= 3 && key[o] == '\u0627' && key[o + 1] == '\u0644';
        }

        private bool IsCountNoun(int t) => Has(t, Cue.Killed) || Has(t, Cue.Wounded) || Has(t, Cue.RocketNoun) || Has(t, Cue.StrikeNoun) || Has(t, Cue.DroneNoun) || Has(t, Cue.PersonSingular);

        private bool IsFieldWord(int t)
        {
            var key = _buf.Key(t);
            return key is "حقل" or "وحقل" or "بحقل" or "field";
        }

        private bool IsFieldPlace(int k)
        {
            var start = _ws.Entities[k].Start;
            for (var j = k; j < _ws.EntityCount && _ws.Entities[j].Start == start; j++)
            {
                var e = _ws.Entities[j].Entry;
                if (e.Kind == EntryKind.Place && _lex.IsFieldOrBase[e.Value >> CompiledLexicon.PlaceShift]) return true;
            }

            return false;
        }

        private bool StartsWithClitic(in Token t)
        {
            var key = _buf.Key(t);
            return key.Length > 2 && key[0] == '\u0648';
        }

        private bool PreviousIsPlace(int k)
        {
            var start = _ws.Entities[k].Start;
            for (var j = k - 1; j >= 0; j--)
            {
                ref readonly var p = ref _ws.Entities[j];
                if (p.Start == start) continue;
                if (p.Entry.Kind != EntryKind.Place) return false;
                return p.End >= start - 2 && _tok[p.Start].Sentence == _tok[start].Sentence;
            }

            return false;
        }

        private int PrevToken(int t) => t - 1 >= 0 && _tok[t - 1].Sentence == _tok[t].Sentence ? t - 1 : -1;

        private int Choose(int k, List<(int Sentence, int Place)> anchors)
        {
            ref readonly var e0 = ref _ws.Entities[k];
            var start = e0.Start;
            var prev = PrevToken(start);
            var next = e0.End + 1 < _buf.Count ? e0.End + 1 : -1;
            var govCue = Has(prev, Cue.GovernorateCue) || (next >= 0 && _tok[next].Kind == TokenKind.Latin && Has(next, Cue.GovernorateCue));
            var cityCue = Has(prev, Cue.CityCue) || Has(PrevToken(prev < 0 ? 0 : prev), Cue.CityCue) && prev >= 0 && Has(prev, Cue.PlaceIntro)
                || (next >= 0 && _tok[next].Kind == TokenKind.Latin && Has(next, Cue.CityCue));
            var best = -1;
            var bestScore = double.MinValue;
            var sentence = _tok[start].Sentence;
            for (var j = k; j < _ws.EntityCount && _ws.Entities[j].Start == start; j++)
            {
                var e = _ws.Entities[j].Entry;
                if (e.Kind != EntryKind.Place) continue;
                var p = e.Value >> CompiledLexicon.PlaceShift;
                var place = _lex.Places[p];
                double score = _lex.KindClass[p] switch
                {
                    CompiledLexicon.KindGovernorate => govCue ? 50 : cityCue ? -10 : 30,
                    CompiledLexicon.KindDistrict => 5,
                    CompiledLexicon.KindSubdistrict => 4,
                    CompiledLexicon.KindCountry => 3,
                    CompiledLexicon.KindCity => cityCue ? 60 : 20,
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
            var ap = _lex.Places[anchor];
            if (ap.Lat is not { } alat || ap.Lon is not { } alon || ReferenceEquals(ap, place)) return double.MaxValue;
            return Math.Sqrt(((lat - alat) * (lat - alat)) + ((lon - alon) * (lon - alon))) * 100;
        }

        // ---------------------------------------------------------------- actors

        private void ResolveActors()
        {
            for (var k = 0; k < _ws.EntityCount; k++)
            {
                ref readonly var e = ref _ws.Entities[k];
                if (e.Entry.Kind != EntryKind.Actor) continue;
                if (!InIncident(e.Start) && !HeadlineParty(e.Start)) continue;
                if (e.Entry.Value == _lex.IsraelIndex && NearGazaWar(e.Start)) continue;
                ref readonly var first = ref _tok[e.Start];
                if (first.Kind == TokenKind.Latin && _buf.Key(first).Length <= 3 && e.Start == e.End && !IsUpper(first)) continue;
                if (first.Kind == TokenKind.Latin && _buf.Key(first) is "cualitiun" && e.Start == e.End && e.End + 1 < _buf.Count && _buf.Key(e.End + 1) is "of") continue;
                if (e.Entry.Value != _lex.IranBackedIndex && IsSponsor(e.Start, e.End)) continue;
                if (AgentOfHypothetical(e.Start)) continue;
                AddActor(e.Entry.Value, Span(e.Start, e.End));
                VoteRole(e.Entry.Value, e.Start, e.End);
            }

            // Militia noun near an Iran word: Iran-backed militias (الميليشيات الإيرانية، فصائل موالية لإيران، Iran-backed groups).
            var ibm = _lex.IranBackedIndex;
            for (var t = 0; t < _buf.Count; t++)
            {
                if (!Has(t, Cue.MilitiaNoun) || !InIncident(t)) continue;
                for (var j = Math.Max(0, t - 3); j <= Math.Min(_buf.Count - 1, t + 4); j++)
                {
                    if (j != t && Has(j, Cue.IranWord) && _tok[j].Sentence == _tok[t].Sentence)
                    {
                        AddActor(ibm, Span(Math.Min(t, j), Math.Max(_ws.CueEnd[t], _ws.CueEnd[j])));
                        VoteRole(ibm, Math.Min(t, j), Math.Max(_ws.CueEnd[t], _ws.CueEnd[j]));
                        break;
                    }
                }
            }

            // A member group implies its parent group.
            foreach (var a in _actorOrder.ToArray())
            {
                if (_lex.ActorParent[a] is var parent and >= 0)
                {
                    if (!_actors.ContainsKey(parent))
                    {
                        _actors[parent] = RentSpanList();
                        _actorOrder.Add(parent);
                    }

                    InheritRole(parent, a);
                }
            }
        }

        /// <summary>The headline names the parties of the report's incident even when its verb is not a trigger
        /// (قوة من الحشد الشعبي تدخل البوكمال).</summary>
        private bool HeadlineParty(int start)
        {
            if (_tok[start].Part != TextPart.Title || IsBg(start)) return false;
            var s = _tok[start].Sentence;
            for (var j = SentStart(s); j < SentEnd(s); j++)
            {
                if (Has(j, Cue.Negation) || Has(j, Cue.GazaWar)) return false;
            }

            for (var k = 0; k < _sentenceCount; k++)
            {
                if (_incident[k]) return true;
            }

            return false;
        }

        /// <summary>"US-backed forces", "المدعومة أمريكياً": the actor is named as a sponsor of another, not as a party.</summary>
        private bool IsSponsor(int start, int end)
        {
            if (end + 1 < _buf.Count && _tok[end + 1].Sentence == _tok[end].Sentence && _tok[end + 1].Kind == TokenKind.Latin && Has(end + 1, Cue.Backer)) return true;
            for (var j = Math.Max(0, start - 3); j < start; j++)
            {
                if (Has(j, Cue.Backer) && _ws.CueEnd[j] == start - 1 && _tok[j].Kind == TokenKind.Arabic) return true;
            }

            return false;
        }

        /// <summary>"fear of strikes by Israel", "خوفا من قصف إسرائيلي": the agent of a feared or denied attack.</summary>
        private bool AgentOfHypothetical(int start)
        {
            var s = _tok[start].Sentence;
            for (var j = start - 1; j >= Math.Max(0, start - 4) && _tok[j].Sentence == s; j--)
            {
                if ((IsTriggerAt(j) || Has(j, Cue.AttackVerb) || Has(j, Cue.StrikeNoun)) && Negated(j, SentStart(s))) return true;
            }

            return false;
        }

        private bool IsUpper(in Token t)
        {
            var text = t.Part == TextPart.Title ? _report.Title! : _report.Text;
            for (var i = t.OrigStart; i < t.OrigStart + t.OrigLength; i++)
            {
                if (char.IsLetter(text[i]) && !char.IsUpper(text[i])) return false;
            }

            return true;
        }

        private void AddActor(int actor, TextSpan span)
        {
            if (!_actors.TryGetValue(actor, out var list))
            {
                _actors[actor] = list = RentSpanList();
                _actorOrder.Add(actor);
            }

            if (list.Count < MaxSpans && !list.Contains(span)) list.Add(span);
        }

        // ---------------------------------------------------------------- relevance

        private bool DecideRelevance(out string? reason, out List<int> output)
        {
            output = [];
            var anyIncident = false;
            for (var s = 0; s < _sentenceCount; s++) anyIncident |= _incident[s];
            if (!anyIncident)
            {
                reason = _elsewhereNames.Count > 0
                    ? "incident outside the watched region: " + string.Join(", ", _elsewhereNames)
                    : "no incident reported (no attack, movement or clash outside background or negated context)";
                return false;
            }

            var chosen = _placeOrder.Where(p => _lex.Reportable[p]).ToList();
            var inRegion = chosen.Any(p => _lex.InRegion[p]);
            if (!inRegion)
            {
                if (chosen.Count > 0)
                {
                    reason = "incident outside the watched region: " + string.Join(", ", chosen.Select(p => _lex.Places[p].NameEn));
                    return false;
                }

                // No located incident: fall back to the places the report mentions outside background sentences.
                var mentioned = _resolved.Where(r => !IsBg(_ws.Entities[r.Sel].Start)).Select(r => r.Place).Distinct().ToList();
                if (mentioned.Count == 0 || !mentioned.Any(p => _lex.InRegion[p]) || mentioned.Any(p => !_lex.InRegion[p] && _lex.Reportable[p] && _lex.Places[p].Id.StartsWith("SY", StringComparison.Ordinal)))
                {
                    reason = mentioned.Count == 0 ? "incident not located in the gazetteer" : "incident not located in the watched region";
                    return false;
                }

                foreach (var (sel, p) in _resolved)
                {
                    if (!_lex.InRegion[p] || !_lex.Reportable[p]) continue;
                    ref readonly var e = ref _ws.Entities[sel];
                    AddPlace(p, Span(e.Start, e.End));
                }

                chosen = _placeOrder.Where(p => _lex.Reportable[p]).ToList();
            }

            // Drop administrative units that contain a more specific incident place.
            foreach (var p in chosen)
            {
                if (_lex.Places[p].IsAdministrative && chosen.Any(q => q != p && _lex.Ancestors[q].Contains(p))) continue;
                output.Add(p);
            }

            reason = null;
            return true;
        }

        // ---------------------------------------------------------------- counts

        private void AddCount(string key, int value, int from, int to, int order)
        {
            var s = _tok[from].Sentence;
            var toll = false;
            for (var t = SentStart(s); t < from; t++)
            {
                if (Has(t, Cue.TollUpdate)) toll = true;
            }

            _counts.Add((key, value, toll, order, Span(Math.Min(from, to), Math.Max(from, to))));
        }

        /// <summary>The number at token t (digits or number word), or -1.</summary>
        private long NumberAt(int t)
        {
            if (t < 0 || t >= _buf.Count) return -1;
            if (_tok[t].Kind == TokenKind.Number) return _tok[t].NumberValue;
            return _ws.NumberWord[t];
        }

        private bool UncertainPair(int t) =>
            (Has(t - 1, Cue.Or) && NumberAt(t - 2) >= 0) || (Has(t + 1, Cue.Or) && NumberAt(t + 2) >= 0);

        private List<CountHit> BuildCounts()
        {
            for (var s = 0; s < _sentenceCount; s++)
            {
                // Casualty and munition counts are read in every sentence that is neither background nor elsewhere.
                if (SentStart(s) < 0 || IsBg(SentStart(s))) continue;
                CountSentence(SentStart(s), Math.Min(SentEnd(s), _bgFrom[s]));
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
                if (_ws.CueMask[t] == 0 && _tok[t].Kind != TokenKind.Number) continue;
                if (_ws.DualKey[t] >= 0)
                {
                    var key = Lexicon.Duals[_ws.DualKey[t]].Key;
                    if (key == "persons")
                    {
                        var lead = LeadBefore(t, start);
                        if (lead != null) AddCount(lead, 2, t, t, t);
                    }
                    else if (!Negated(t, start) && !(key == "rockets" && (FiredFromAir(t, start) || Has(_ws.CueEnd[t] + 1, Cue.Drone))))
                    {
                        // (two missiles fired by aircraft, or "صاروخين مسيرين", are an air strike's, not rockets)
                        AddCount(key, 2, t, t, t);
                    }

                    continue;
                }

                // The weapon as an indefinite instrument (بطائرة مسيرة، بصاروخ): "with a drone" is one drone.
                if ((Has(t, Cue.OneDrone) || Has(t, Cue.OneRocket)) && _tok[t].Kind == TokenKind.Arabic && InIncident(t) && !Negated(t, start)
                    && NumberAt(t - 1) < 0 && !Has(t - 1, Cue.Approx) && IsIndefiniteInstrument(t))
                {
                    _singles.Add((Has(t, Cue.OneDrone) ? "drones" : "rockets", Span(t, _ws.CueEnd[t])));
                }

                // A single person as subject before the casualty verb (أن عنصراً من الجيش أصيب).
                if (Has(t, Cue.PersonSingular) && _tok[t].Kind == TokenKind.Arabic && NumberAt(t - 1) < 0 && !Has(t - 1, Cue.KilledLead) && !Has(t - 1, Cue.WoundedLead))
                {
                    for (var j = _ws.CueEnd[t] + 1; j < Math.Min(end, t + 6); j++)
                    {
                        if (NumberAt(j) >= 0 || Has(j, Cue.PersonSingular)) break;
                        if ((Has(j, Cue.WoundedLead) || Has(j, Cue.KilledLead)) && _tok[j].Kind == TokenKind.Arabic && !Negated(j, start) && NumberAt(j + 1) < 0 && !Has(j + 1, Cue.PersonSingular))
                        {
                            _singles.Add((Has(j, Cue.KilledLead) ? "killed" : "wounded", Span(t, j)));
                            break;
                        }
                    }
                }

                var nounKey = Has(t, Cue.RocketNoun) && (FiredFromAir(t, start) || (t > 0 && _buf.Key(t - 1) is "cruise")) ? null : Has(t, Cue.RocketNoun) ? "rockets" : Has(t, Cue.DroneNoun) ? "drones" : Has(t, Cue.StrikeNoun) ? "strikes"
                    : Has(t, Cue.Killed) ? "killed" : Has(t, Cue.Wounded) ? "wounded" : null;
                if (nounKey != null && !Negated(t, start))
                {
                    // number right before the noun (أكثر من 10 صواريخ، 40 قتيلاً، two rockets)
                    var n = t - 1;
                    if (n >= start && _tok[n].Kind == TokenKind.Latin && NumberAt(n) < 0 && !Has(n, Cue.Approx) && NumberAt(n - 1) >= 0 && nounKey is "rockets" or "drones" or "strikes") n--;
                    var v = NumberAt(n);
                    if (n >= start && v is > 0 and < 1900 && !UncertainPair(n))
                    {
                        // A range ("بين 7 إلى 10 صواريخ", "7 to 10 rockets") counts what is sure: its lower end.
                        if (n - 2 >= start && IsRangeWord(n - 1) && NumberAt(n - 2) is > 0 and < 1900 && NumberAt(n - 2) < v) v = NumberAt(n - 2);
                        AddCount(nounKey, (int)v, n, _ws.CueEnd[t], t);
                        continue;
                    }

                    // English indefinite article: "a drone was intercepted", "a rocket hit" (not "a drone attack")
                    if (n >= start && _tok[n].Kind == TokenKind.Latin && _buf.Key(n) is "a" or "an" && nounKey is "rockets" or "drones"
                        && !(_ws.CueEnd[t] + 1 < end && (Has(_ws.CueEnd[t] + 1, Cue.AttackVerb) || Has(_ws.CueEnd[t] + 1, Cue.StrikeNoun) || IsTriggerAt(_ws.CueEnd[t] + 1))))
                    {
                        AddCount(nounKey, 1, n, _ws.CueEnd[t], t);
                        continue;
                    }

                    // noun followed by one (بصاروخ واحد، طائرة مسيرة واحدة)
                    var after = _ws.CueEnd[t] + 1;
                    if (after < end && _ws.NumberWord[after] is 1 or 2 && nounKey is "rockets" or "drones" or "strikes")
                    {
                        AddCount(nounKey, _ws.NumberWord[after], t, after, t);
                        continue;
                    }
                }

                // English: number … killed/wounded within the clause ("six militants were killed").
                if (_tok[t].Kind != TokenKind.Arabic && NumberAt(t) is > 0 and < 1900 && !UncertainPair(t) && !Has(t + 1, Cue.Unit) && !Has(t + 1, Cue.Month) && !Has(t - 1, Cue.Month))
                {
                    for (var j = t + 1; j < Math.Min(end, t + 8); j++)
                    {
                        if (NumberAt(j) >= 0 || Has(j, Cue.RocketNoun) || Has(j, Cue.DroneNoun) || Has(j, Cue.StrikeNoun)) break;
                        if (_tok[j].Kind == TokenKind.Latin && (Has(j, Cue.Killed) || Has(j, Cue.Wounded)) && !Negated(t, start))
                        {
                            if (j == t + 1) break; // handled as number + noun above
                            var key = Has(j, Cue.Killed) ? "killed" : "wounded";
                            if (_buf.Key(j) is "injuries" or "casualties") break;
                            AddCount(key, (int)NumberAt(t), t, j, t);
                            break;
                        }
                    }
                }

                // casualty verb followed by its number (مقتل 19 عنصراً، إصابة 4 أشخاص، killing one, injuring two)
                if ((Has(t, Cue.KilledLead) || Has(t, Cue.WoundedLead) || Has(t, Cue.Killed) || Has(t, Cue.Wounded)) && !Negated(t, start) && !CombinedCasualties(t))
                {
                    var key = Has(t, Cue.KilledLead) || Has(t, Cue.Killed) ? "killed" : "wounded";
                    var j = _ws.CueEnd[t] + 1;
                    var hops = 0;
                    while (j < end && hops < 2 && (Has(j, Cue.Approx) || Has(j, Cue.CountBridge)))
                    {
                        j = _ws.CueEnd[j] + 1;
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
                        if (_tok[j].Kind == TokenKind.Latin && _buf.Key(j) is "a" or "an" && j + 1 < end) j++;
                        if (Has(j, Cue.PersonSingular) || (Has(j, Cue.Another) && _tok[j].Kind == TokenKind.Latin)) AddCount(key, 1, t, j, t);
                    }
                }

                // A toll update whose figure comes at the end (ارتفعت حصيلة ضحايا الغارات … إلى 24 مدنياً; the toll rose to 9).
                if (Has(t, Cue.TollUpdate) && (t == start || !Has(t - 1, Cue.TollUpdate)) && !Negated(t, start)) TollFigure(t, end);

                // English "another was wounded" / "another wounded"
                if (Has(t, Cue.Another) && _tok[t].Kind == TokenKind.Latin)
                {
                    for (var j = t + 1; j < Math.Min(end, t + 4); j++)
                    {
                        if (Has(j, Cue.Wounded) || Has(j, Cue.WoundedLead))
                        {
                            AddCount("wounded", 1, t, j, t);
                            break;
                        }
                    }
                }
            }
        }

        /// <summary>"طائرات حربية أطلقت ثمانية صواريخ", "the drone targeted them with a missile": air-launched missiles.</summary>
        private bool FiredFromAir(int t, int start)
        {
            for (var j = t - 1; j >= Math.Max(start, t - 10); j--)
            {
                if ((Has(j, Cue.Aircraft) || Has(j, Cue.Drone) || Has(j, Cue.StrikeNoun)) && !Overflown(j, start)) return true;
            }

            return false;
        }

        /// <summary>The word between the two ends of a range of numbers: إلى / الى / to / and.</summary>
        private bool IsRangeWord(int t) => t >= 0 && t < _buf.Count && _buf.Key(t) is "الى" or "إلى" or "الي" or "to" or "حتى" or "حتي";

        private bool IsIndefiniteInstrument(int t)
        {
            var key = _buf.Key(t);
            return key.Length > 3 && key[0] == '\u0628' && !HasArticle(key);
        }

        /// <summary>"قتل وأصيب 30", "مقتل وإصابة", "killed or wounded": one figure for both, neither count.</summary>
        private bool CombinedCasualties(int t)
        {
            var next = _ws.CueEnd[t] + 1;
            var killed = Has(t, Cue.KilledLead) || Has(t, Cue.Killed);
            if (next < _buf.Count && (killed ? Has(next, Cue.WoundedLead) || Has(next, Cue.Wounded) : Has(next, Cue.KilledLead) || Has(next, Cue.Killed))) return true;
            if (next + 1 < _buf.Count && Has(next, Cue.Or) && (Has(next + 1, Cue.Wounded) || Has(next + 1, Cue.WoundedLead) || Has(next + 1, Cue.Killed))) return true;
            for (var j = t - 1; j >= Math.Max(0, t - 2); j--)
            {
                if (_ws.CueEnd[j] == t - 1 && (killed ? Has(j, Cue.WoundedLead) || Has(j, Cue.Wounded) : Has(j, Cue.KilledLead) || Has(j, Cue.Killed))) return true;
            }

            return false;
        }

        /// <summary>The figure a toll update rises to: "إلى"/"to" then a number, later in the sentence.</summary>
        private void TollFigure(int t, int end)
        {
            var sawCasualty = false;
            for (var j = _ws.CueEnd[t] + 1; j < Math.Min(end - 1, t + 30); j++)
            {
                if (Has(j, Cue.Killed) || Has(j, Cue.KilledLead)) sawCasualty = true;
                if (!Has(j, Cue.CountBridge) || _ws.CueEnd[j] != j) continue;
                var n = j + 1;
                if (Has(n, Cue.Approx)) n = _ws.CueEnd[n] + 1;
                var v = NumberAt(n);
                if (v is <= 0 or >= 1900 || Has(n + 1, Cue.Unit) || Has(n + 1, Cue.Month) || UncertainPair(n)) continue;
                var after = _ws.CueEnd[n] + 1;
                if (after < _buf.Count && (Has(after, Cue.Wounded) || Has(after, Cue.RocketNoun) || Has(after, Cue.DroneNoun) || Has(after, Cue.StrikeNoun))) return;
                if (!sawCasualty && !(after < _buf.Count && (Has(after, Cue.Killed) || Has(after, Cue.PersonSingular) || Has(after, Cue.Civilian)))) return;
                _counts.Add(("killed", (int)v, true, t, Span(t, n)));
                return;
            }
        }

        private bool IsTriggerAt(int t) => t < _buf.Count && (_ws.CueMask[t] & (1UL << TriggerBit)) != 0;

        private bool IsOtherCountNoun(int t, string key) =>
            Has(t, Cue.RocketNoun) || Has(t, Cue.DroneNoun) || Has(t, Cue.StrikeNoun) || (key == "killed" && Has(t, Cue.Wounded)) || (key == "wounded" && Has(t, Cue.Killed));

        private string? LeadBefore(int t, int start)
        {
            // the casualty phrase ends right before the dual noun (مقتل عنصرين، أدى إلى مقتل عنصرين)
            for (var p = t - 1; p >= Math.Max(start, t - 4); p--)
            {
                if (_ws.CueEnd[p] != t - 1) continue;
                if (Has(p, Cue.KilledLead)) return "killed";
                if (Has(p, Cue.WoundedLead)) return "wounded";
            }

            return null;
        }

        // ---------------------------------------------------------------- date

        private (DateOnly?, TextSpan[]) ResolveDate()
        {
            var pub = _report.PublishedAt is { } p ? DateOnly.FromDateTime(p.Date) : (DateOnly?)null;
            for (var s = 0; s < _sentenceCount; s++)
            {
                if (!_incident[s] || SentStart(s) < 0) continue;
                var start = SentStart(s);
                var end = SentEnd(s);
                for (var t = start; t < end; t++)
                {
                    if (Has(t, Cue.DayBeforeYesterday) && pub is { } d2) return (d2.AddDays(-2), [Span(t, _ws.CueEnd[t])]);
                    if (Has(t, Cue.Yesterday) && pub is { } d1) return (d1.AddDays(-1), [Span(t, _ws.CueEnd[t])]);
                    // اليوم (today) needs its article: يوم الاثنين is "on Monday"
                    if (Has(t, Cue.Today) && pub is { } d0 && !(_tok[t].Kind == TokenKind.Arabic && _ws.CueEnd[t] == t && !HasArticle(_buf.Key(t))))
                        return (d0, [Span(t, _ws.CueEnd[t])]);
                    if (_ws.Month[t] > 0)
                    {
                        var day = NumberAt(t - 1);
                        if (day is >= 1 and <= 31)
                        {
                            var year = NumberAt(_ws.CueEnd[t] + 1);
                            var y = year is >= 1990 and <= 2100 ? (int)year : pub?.Year ?? 0;
                            if (y > 0 && day <= DateTime.DaysInMonth(y, _ws.Month[t]))
                            {
                                var date = new DateOnly(y, _ws.Month[t], (int)day);
                                if (year < 0 && pub is { } pp && date > pp) date = date.AddYears(-1);
                                return (date, [Span(t - 1, year > 0 ? _ws.CueEnd[t] + 1 : _ws.CueEnd[t])]);
                            }
                        }
                    }

                    // Arabic weekdays carry the article (الاثنين); bare اثنين is the number two.
                    if (_ws.Weekday[t] >= 0 && pub is { } dw && (_tok[t].Kind != TokenKind.Arabic || HasArticle(_buf.Key(t))))
                    {
                        var day = (DayOfWeek)_ws.Weekday[t];
                        var back = ((int)dw.DayOfWeek - (int)day + 7) % 7;
                        return (dw.AddDays(-back), [Span(t, _ws.CueEnd[t])]);
                    }
                }
            }

            return (null, []);
        }
    }
}
