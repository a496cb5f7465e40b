using System.Globalization;
using AlertBot.Extraction.Stages;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction;

/// <summary>
/// Reads one report: relevance, event types, incident places, actors, counts and event date, each with the spans of
/// the original text it came from. Thread-safe; construct once per gazetteer. Each thread keeps a reusable workspace,
/// so the hot path (normalise, one trie pass, rules) allocates only the result.
/// </summary>
public sealed class ReportExtractor
{
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
            return Irrelevant(report.Language ?? "und", IrrelevantReasons.TooLong(total, _options.MaxTextLength));
        }

        var ws = Tokenise(title, text);
        var language = report.Language is "ar" or "en" ? report.Language : DetectLanguage(ws.Buffer);
        if (ws.Buffer.Count == 0) return Irrelevant(language, IrrelevantReasons.EmptyText);

        var pipeline = ws.Pipeline ??= new IncidentPipeline(ws);
        return pipeline.Run(_lex, report, language);
    }

    /// <summary>
    /// Runs the reading stages (time anchoring to actors) and returns what they wrote, for a stage's own tests. The
    /// reading is this thread's workspace: valid until the thread's next extraction.
    /// </summary>
    internal ReportReading Read(ReportText report)
    {
        var ws = Tokenise(report.Title ?? string.Empty, report.Text ?? string.Empty);
        var pipeline = ws.Pipeline ??= new IncidentPipeline(ws);
        pipeline.Read(_lex, report);
        return pipeline.Reading;
    }

    /// <summary>Normalises and tokenises title and body, runs the trie once and indexes the cues (this thread's workspace).</summary>
    private Workspace Tokenise(string title, string text)
    {
        var ws = t_workspace ??= new Workspace();
        ws.Reset();
        var buf = ws.Buffer;
        if (title.Length > 0) buf.Append(title, TextPart.Title);
        buf.Append(text, TextPart.Body);
        if (buf.Count == 0) return ws;
        _lex.Trie.FindAll(buf, ws.Matches);
        ws.Select(_lex.Trie);
        ws.IndexCues(_lex);
        return ws;
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
}
