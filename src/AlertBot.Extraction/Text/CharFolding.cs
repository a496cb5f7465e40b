namespace AlertBot.Extraction.Text;

/// <summary>Character classes and per-character folding used by the tokenizer (Arabic and Latin).</summary>
internal static class CharFolding
{
    internal enum CharClass : byte
    {
        Separator,
        Arabic,
        Latin,
        Digit,
        Ignorable,
        Apostrophe,
    }

    private static readonly CharClass[] ClassTable = BuildClassTable();
    private static readonly char[] FoldTable = BuildFoldTable();

    /// <summary>Class of a character (table lookup).</summary>
    public static CharClass Classify(char c) => ClassTable[c];

    /// <summary>Folded form of an Arabic or Latin letter (table lookup); other characters map to themselves.</summary>
    public static char Fold(char c) => FoldTable[c];

    private static CharClass[] BuildClassTable()
    {
        var t = new CharClass[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) t[c] = ClassifySlow((char)c);
        return t;
    }

    private static char[] BuildFoldTable()
    {
        var t = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            t[c] = ClassifySlow(ch) switch
            {
                CharClass.Arabic => FoldArabic(ch),
                CharClass.Latin => FoldLatinChar(ch),
                _ => ch,
            };
        }

        return t;
    }

    private static CharClass ClassifySlow(char c)
    {
        if (c < 0x80)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') return CharClass.Latin;
            if (c is >= '0' and <= '9') return CharClass.Digit;
            if (c is '\'' or '`') return CharClass.Apostrophe;
            return CharClass.Separator;
        }

        if (c is >= '\u0621' and <= '\u063A' or >= '\u0641' and <= '\u064A' or >= '\u0671' and <= '\u06D3' or '\u06D5')
            return CharClass.Arabic;
        if (c is >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640' or >= '\u06D6' and <= '\u06ED')
            return CharClass.Ignorable;
        if (c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9') return CharClass.Digit;
        if (c is '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u00AD' or >= '\u0300' and <= '\u036F') return CharClass.Ignorable;
        if (c is '\u2019' or '\u2018' or '\u02BC' or '\u02BF' or '\u02BE' or '\u00B4' or '\u02BB') return CharClass.Apostrophe;
        if (c is >= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7') return CharClass.Latin;
        if (c is >= '\u1E00' and <= '\u1EFF') return CharClass.Latin;
        return CharClass.Separator;
    }

    /// <summary>Folds an Arabic letter: hamza-carrying alefs to bare alef, alef maqsura and Persian yeh to yaa,
    /// taa marbuta to haa, hamza on waw/yaa to the bare letter, Persian kaf/gaf to kaf, veh to faa.</summary>
    public static char FoldArabic(char c) => c switch
    {
        '\u0622' or '\u0623' or '\u0625' or '\u0671' or '\u0672' or '\u0673' => '\u0627',
        '\u0649' or '\u06CC' or '\u06D0' or '\u0626' => '\u064A',
        '\u0629' or '\u06C0' or '\u06C1' or '\u06D5' => '\u0647',
        '\u0624' => '\u0648',
        '\u06A9' or '\u06AF' => '\u0643',
        '\u06A4' => '\u0641',
        '\u067E' => '\u0628',
        '\u0686' => '\u062C',
        '\u0698' => '\u0632',
        _ => c,
    };

    public static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };

    /// <summary>Lower-cases a Latin letter and removes common diacritics (transliteration marks included).</summary>
    public static char FoldLatinChar(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        return c switch
        {
            'À' or 'Á' or 'Â' or 'Ã' or 'Ä' or 'Å' or 'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'Ā' or 'ā' or 'Ă' or 'ă' or 'Ą' or 'ą' => 'a',
            'Ç' or 'ç' or 'Ć' or 'ć' or 'Č' or 'č' => 'c',
            'Ď' or 'ď' or 'Đ' or 'đ' or 'Ḍ' or 'ḍ' or 'Ḏ' or 'ḏ' => 'd',
            'È' or 'É' or 'Ê' or 'Ë' or 'è' or 'é' or 'ê' or 'ë' or 'Ē' or 'ē' or 'Ė' or 'ė' or 'Ę' or 'ę' or 'Ě' or 'ě' => 'e',
            'Ğ' or 'ğ' or 'Ġ' or 'ġ' => 'g',
            'Ḥ' or 'ḥ' or 'Ḩ' or 'ḩ' or 'Ḫ' or 'ḫ' or 'Ħ' or 'ħ' => 'h',
            'Ì' or 'Í' or 'Î' or 'Ï' or 'ì' or 'í' or 'î' or 'ï' or 'Ī' or 'ī' or 'İ' or 'ı' => 'i',
            'Ñ' or 'ñ' or 'Ń' or 'ń' => 'n',
            'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ö' or 'Ø' or 'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'Ō' or 'ō' => 'o',
            'Ŕ' or 'ŕ' or 'Ř' or 'ř' => 'r',
            'Ś' or 'ś' or 'Ş' or 'ş' or 'Š' or 'š' or 'Ṣ' or 'ṣ' or 'Ș' or 'ș' => 's',
            'Ţ' or 'ţ' or 'Ť' or 'ť' or 'Ṭ' or 'ṭ' or 'Ț' or 'ț' => 't',
            'Ù' or 'Ú' or 'Û' or 'Ü' or 'ù' or 'ú' or 'û' or 'ü' or 'Ū' or 'ū' or 'Ů' or 'ů' => 'u',
            'Ý' or 'ý' or 'ÿ' or 'Ÿ' => 'y',
            'Ź' or 'ź' or 'Ż' or 'ż' or 'Ž' or 'ž' or 'Ẓ' or 'ẓ' => 'z',
            'ß' => 's',
            'Æ' or 'æ' => 'a',
            _ => char.ToLowerInvariant(c),
        };
    }

    /// <summary>
    /// Folds a lower-cased Latin word (English function words excepted) in place so transliteration variants meet: e→i, o→u, y→i,
    /// doubled letters collapse, "ai" → "i", final "h" after a vowel drops.
    /// Mayadeen / Mayadin / Meyadin → "miadin"; Deir / Dayr / Der → "dir"; Zour / Zor → "zur".
    /// </summary>
    private static bool IsFunctionWord(ReadOnlySpan<char> w) => w switch
    {
        "for" or "or" or "nor" or "of" or "on" or "to" or "too" or "no" or "not" or "so" or "do" or "go" or "one" => true,
        _ => false,
    };

    public static int FoldLatinWord(Span<char> word)
    {
        if (word.Length == 0) return 0;
        if (IsFunctionWord(word)) return word.Length; // "for" must not become "four"
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = word[i] switch
            {
                'e' => 'i',
                'o' => 'u',
                'y' => 'i',
                _ => word[i],
            };
        }

        var n = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (n > 0 && word[n - 1] == c) continue;
            if (c == 'i' && n > 0 && word[n - 1] == 'a' && n > 1)
            {
                word[n - 1] = 'i';
                continue;
            }

            word[n++] = c;
        }

        if (n > 3 && word[n - 1] == 'h' && word[n - 2] is 'a' or 'i' or 'u') n--;
        return n;
    }
}
