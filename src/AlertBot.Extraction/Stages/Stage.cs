using System.Runtime.CompilerServices;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// A stage of the reading: it reads what the earlier stages wrote in the shared <see cref="ReportReading"/> and writes
/// its own part. The members below only forward the reading's token questions, so that a stage's rules read as rules.
/// </summary>
internal abstract class Stage(ReportReading reading)
{
    protected const int MaxSpans = ReportReading.MaxSpans;

    protected ReportReading R { get; } = reading;

    protected Workspace Ws => R.Workspace;

    protected TokenBuffer Buf => R.Buffer;

    protected Token[] Tok => R.Tokens;

    protected CompiledLexicon Lex => R.Lexicon;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool Has(int token, Cue cue) => R.Has(token, cue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool IsTriggerAt(int t) => R.IsTriggerAt(t);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected long NumberAt(int t) => R.NumberAt(t);

    protected TextSpan Span(int start, int end) => R.Span(start, end);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int SentStart(int s) => R.SentStart(s);

    protected int SentEnd(int s) => R.SentEnd(s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int PrevToken(int t) => R.PrevToken(t);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool InIncident(int token) => R.InIncident(token);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool IsBg(int token) => R.IsBg(token);

    protected bool Negated(int token, int segStart) => R.Negated(token, segStart);

    protected bool Overflown(int token, int segStart) => R.Overflown(token, segStart);

    protected bool NearGazaWar(int token) => R.NearGazaWar(token);

    protected bool IsUpper(in Token t) => R.IsUpper(t);

    protected static bool HasArticle(ReadOnlySpan<char> key) => ReportReading.HasArticle(key);

    protected static int LowerBound(Sel[] arr, int count, int start) => ReportReading.LowerBound(arr, count, start);
}
