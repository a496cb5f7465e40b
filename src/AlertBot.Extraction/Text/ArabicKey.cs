namespace AlertBot.Extraction.Text;

/// <summary>Proclitic and article handling on normalised Arabic tokens. Keys are suffixes of the token, so no copies.</summary>
internal static class ArabicKey
{
    private const char Alef = '\u0627';
    private const char Lam = '\u0644';
    private const char Waw = '\u0648';
    private const char Faa = '\u0641';
    private const char Baa = '\u0628';
    private const char Kaf = '\u0643';

    /// <summary>Offset past a leading definite article "ال" when enough of the word remains.</summary>
    public static int StripArticle(ReadOnlySpan<char> token, int offset)
    {
        if (token.Length - offset >= 4 && token[offset] == Alef && token[offset + 1] == Lam) return offset + 2;
        return offset;
    }

    /// <summary>
    /// Candidate key offsets for a token that may carry proclitics: the bare word, after و/ف, after ب/ل/ك
    /// (also combined: وب، فل…), with the article removed, and لل (ل + ال contracted). Returns how many were written.
    /// </summary>
    public static int Variants(ReadOnlySpan<char> token, Span<int> offsets)
    {
        var count = 0;
        Add(token, StripArticle(token, 0), offsets, ref count);
        var o = 0;
        if (token.Length >= 3 && token[0] is Waw or Faa)
        {
            o = 1;
            Add(token, StripArticle(token, 1), offsets, ref count);
        }

        if (token.Length - o >= 3 && token[o] is Baa or Lam or Kaf)
        {
            if (token[o] == Lam && token[o + 1] == Lam && token.Length - o >= 4)
            {
                Add(token, o + 2, offsets, ref count);
            }
            else
            {
                Add(token, StripArticle(token, o + 1), offsets, ref count);
            }
        }

        return count;
    }

    private static void Add(ReadOnlySpan<char> token, int offset, Span<int> offsets, ref int count)
    {
        if (token.Length - offset < 2) return;
        for (var i = 0; i < count; i++)
        {
            if (offsets[i] == offset) return;
        }

        if (count < offsets.Length) offsets[count++] = offset;
    }
}
