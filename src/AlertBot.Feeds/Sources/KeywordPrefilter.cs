using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds;

/// <summary>
/// Optional per-source filter: an item passes when its title or text contains at least one keyword. Matching is
/// a substring test on folded text: case-insensitive, Arabic diacritics (harakat, shadda, tatweel) ignored, hamza
/// forms of alef/waw/ya and alef maqsura/ta marbuta folded, Latin accents ignored. A filter without keywords
/// passes everything.
/// </summary>
public sealed class KeywordPrefilter
{
    private readonly string[] keywords;

    public KeywordPrefilter(IEnumerable<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        this.keywords = keywords.Select(TextNormalizer.Fold).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>True when there are no keywords, so every item passes.</summary>
    public bool IsEmpty => keywords.Length == 0;

    public bool Matches(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Matches(item.Title, item.Text);
    }

    public bool Matches(string? title, string? text)
    {
        if (IsEmpty)
        {
            return true;
        }

        var folded = TextNormalizer.Fold(title + "\n" + text);
        foreach (var keyword in keywords)
        {
            if (folded.Contains(keyword, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The items that pass, in order.</summary>
    public IReadOnlyList<FeedItem> Filter(IEnumerable<FeedItem> items) => items.Where(Matches).ToList();
}
