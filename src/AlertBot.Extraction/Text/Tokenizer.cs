namespace AlertBot.Extraction.Text;

internal enum TokenKind : byte
{
    Arabic,
    Latin,
    Number,
}

/// <summary>One word or number. Offsets point into the normalised buffer and into the original part text.</summary>
internal struct Token
{
    public int NormStart;
    public int NormLength;
    public int OrigStart;
    public int OrigLength;
    public int Sentence;
    public int Clause;
    public long NumberValue;
    public TokenKind Kind;
    public TextPart Part;
    public bool Capitalised;
    public bool IsArticle;
    /// <summary>Punctuation (comma, quote, bracket…) separates this token from the previous one.</summary>
    public bool PunctBefore;
    /// <summary>The character right after the token is a hyphen, slash or dash joined to it (e.g. "Iran-backed").</summary>
    public bool HyphenAfter;
}

/// <summary>
/// Reusable tokenisation workspace: one pass over the text producing normalised tokens. Arrays grow and are reused,
/// so a thread that keeps one workspace tokenises without allocating.
/// </summary>
internal sealed class TokenBuffer
{
    public char[] Norm = new char[1024];
    public int NormLength;
    public Token[] Tokens = new Token[256];
    public int Count;
    public int SentenceCount;

    public ReadOnlySpan<char> Key(in Token t) => Norm.AsSpan(t.NormStart, t.NormLength);

    public ReadOnlySpan<char> Key(int index) => Norm.AsSpan(Tokens[index].NormStart, Tokens[index].NormLength);

    public void Clear()
    {
        NormLength = 0;
        Count = 0;
        SentenceCount = 0;
    }

    /// <summary>Tokenises one part (title or body), continuing sentence numbering.</summary>
    public void Append(string text, TextPart part)
    {
        var sentence = SentenceCount;
        var clause = 0;
        var punct = true;
        var i = 0;
        var n = text.Length;
        EnsureNorm(NormLength + n + 16);
        while (i < n)
        {
            var c = text[i];
            if (c == ' ')
            {
                i++;
                continue;
            }

            var cls = CharFolding.Classify(c);
            if (cls is CharFolding.CharClass.Separator or CharFolding.CharClass.Apostrophe or CharFolding.CharClass.Ignorable)
            {
                if (cls == CharFolding.CharClass.Separator && !char.IsWhiteSpace(c))
                {
                    punct = true;
                    if (IsSentenceBreak(text, i))
                    {
                        if (Count > 0 && Tokens[Count - 1].Sentence == sentence) sentence++;
                        clause = 0;
                    }
                    else if (IsClauseBreak(c))
                    {
                        clause++;
                    }
                }
                else if (c is '\n' or '\r' or '\u2028' or '\u2029')
                {
                    if (Count > 0 && Tokens[Count - 1].Sentence == sentence) sentence++;
                    clause = 0;
                    punct = true;
                }

                i++;
                continue;
            }

            var start = i;
            var normStart = NormLength;
            var kind = cls switch
            {
                CharFolding.CharClass.Arabic => TokenKind.Arabic,
                CharFolding.CharClass.Latin => TokenKind.Latin,
                _ => TokenKind.Number,
            };
            var capitalised = kind == TokenKind.Latin && char.IsUpper(c);
            long value = 0;
            var digits = 0;
            var end = i;
            while (i < n)
            {
                c = text[i];
                cls = CharFolding.Classify(c);
                if (cls == CharFolding.CharClass.Ignorable)
                {
                    i++;
                    continue;
                }

                if ((kind == TokenKind.Arabic && cls == CharFolding.CharClass.Arabic) || (kind == TokenKind.Latin && cls == CharFolding.CharClass.Latin))
                {
                    Norm[NormLength++] = CharFolding.Fold(c);
                }
                else if (kind == TokenKind.Latin && cls == CharFolding.CharClass.Apostrophe)
                {
                    // Possessive 's ends the word; an apostrophe inside a transliteration (Sha'fa) is dropped.
                    if (i + 1 < n && (text[i + 1] is 's' or 'S') && (i + 2 >= n || CharFolding.Classify(text[i + 2]) != CharFolding.CharClass.Latin))
                    {
                        end = i;
                        i += 2;
                        break;
                    }

                    if (i + 1 >= n || CharFolding.Classify(text[i + 1]) != CharFolding.CharClass.Latin) break;
                    i++;
                    continue;
                }
                else if (kind == TokenKind.Number && cls == CharFolding.CharClass.Digit)
                {
                    var d = CharFolding.DigitValue(c);
                    Norm[NormLength++] = (char)('0' + d);
                    if (digits < 15) value = (value * 10) + d;
                    digits++;
                }
                else
                {
                    break;
                }

                i++;
                end = i;
            }

            var normLength = NormLength - normStart;
            if (kind == TokenKind.Latin)
            {
                normLength = CharFolding.FoldLatinWord(Norm.AsSpan(normStart, normLength));
                NormLength = normStart + normLength;
            }

            if (normLength == 0)
            {
                if (i == start) i++;
                continue;
            }

            EnsureTokens(Count + 1);
            ref var t = ref Tokens[Count++];
            t = default;
            t.NormStart = normStart;
            t.NormLength = normLength;
            t.OrigStart = start;
            t.OrigLength = end - start;
            t.Kind = kind;
            t.Part = part;
            t.Sentence = sentence;
            t.Clause = clause;
            t.Capitalised = capitalised;
            t.PunctBefore = punct;
            t.NumberValue = kind == TokenKind.Number ? (digits > 12 ? -1 : value) : -1;
            t.HyphenAfter = end < n && text[end] is '-' or '\u2010' or '\u2011' or '/';
            t.IsArticle = kind == TokenKind.Latin && IsLatinArticle(Norm.AsSpan(normStart, normLength), text, end);
            punct = false;
        }

        SentenceCount = (Count > 0 && Tokens[Count - 1].Sentence == sentence) ? sentence + 1 : sentence;
    }

    private static bool IsLatinArticle(ReadOnlySpan<char> folded, string text, int end)
    {
        // "al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "ash-", "ez-", "es-", "an-": only when hyphen-joined, plus
        // a free-standing "al"/"el"/"ez"/"az" (Al Mayadeen, Deir Ez Zor).
        var hyphen = end < text.Length && text[end] is '-' or '\u2010' or '\u2011';
        return folded switch
        {
            "al" or "il" or "iz" or "az" => true,
            "ad" or "ar" or "as" or "at" or "ash" or "is" or "an" or "ah" or "id" or "ir" or "ush" or "an-" => hyphen,
            _ => false,
        };
    }

    private static bool IsSentenceBreak(string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '!' or '?' or '\u061F' or '|' or '\u2022' or '\u25CF' or '\u00B7' or '\u2026':
                return true;
            case '.':
                {
                    // Decimal point, abbreviation (U.S.), or a dotted date are not sentence ends.
                    if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not ('"' or '\u201D' or '\u00BB' or ')')) return false;
                    if (i >= 1 && char.IsLetter(text[i - 1]) && (i < 2 || !char.IsLetter(text[i - 2])) && char.IsUpper(text[i - 1])) return false;
                    return true;
                }
            default:
                return false;
        }
    }

    private static bool IsClauseBreak(char c) => c is ',' or '\u060C' or ';' or '\u061B' or ':' or '(' or ')' or '\u2013' or '\u2014';

    private void EnsureNorm(int size)
    {
        if (Norm.Length < size) Array.Resize(ref Norm, Math.Max(size, Norm.Length * 2));
    }

    private void EnsureTokens(int size)
    {
        if (Tokens.Length < size) Array.Resize(ref Tokens, Math.Max(size, Tokens.Length * 2));
    }
}
