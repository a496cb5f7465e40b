namespace AlertBot.Feeds;

/// <summary>The syndication format a document was detected as.</summary>
public enum FeedFormat
{
    Rss20,
    Atom10,
    JsonFeed11,
}

/// <summary>A parsed feed: its format, its title and its items in document order (duplicates by key removed).</summary>
public sealed record FeedDocument(FeedFormat Format, string? Title, IReadOnlyList<FeedItem> Items);

/// <summary>One item of a feed, with its text cleaned of HTML.</summary>
/// <param name="Key">Stable identity: the guid/id when present, else the absolute link, else <c>sha256:</c> of title and text.</param>
/// <param name="Link">Absolute http(s) link of the item, resolved against the feed's base, or null.</param>
/// <param name="Title">Title as plain text, or null when the item has none.</param>
/// <param name="Text">Plain text from the richest body the item carries (content, else description/summary); may be empty.</param>
/// <param name="Language">Item language (item-level, else feed-level), as written in the feed, or null.</param>
/// <param name="PublishedAt">Publication date, or the fetch time when the date was missing or unparseable.</param>
/// <param name="DateWasMissing">True when <paramref name="PublishedAt"/> is the fetch time because the item carried no usable date.</param>
public sealed record FeedItem(
    string Key,
    Uri? Link,
    string? Title,
    string Text,
    string? Language,
    DateTimeOffset PublishedAt,
    bool DateWasMissing);

/// <summary>Why a document could not be read as a feed.</summary>
public enum FeedFormatError
{
    /// <summary>The document is well-formed HTML, an empty body or another non-feed document.</summary>
    NotAFeed,
    /// <summary>The XML is malformed.</summary>
    InvalidXml,
    /// <summary>The JSON is malformed or not a JSON Feed object.</summary>
    InvalidJson,
    /// <summary>The XML carries a DTD (document type or entity declarations), which is refused without being processed.</summary>
    DtdProhibited,
    /// <summary>Well-formed XML or JSON whose root is not RSS 2.0, Atom 1.0 or JSON Feed 1.x.</summary>
    UnsupportedFormat,
}

/// <summary>Thrown by <see cref="FeedParser"/> when a body cannot be read as a feed.</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException()
        : this(FeedFormatError.NotAFeed, "The document is not a feed.")
    {
    }

    public FeedFormatException(string message)
        : this(FeedFormatError.NotAFeed, message)
    {
    }

    public FeedFormatException(string message, Exception innerException)
        : this(FeedFormatError.NotAFeed, message, innerException)
    {
    }

    public FeedFormatException(FeedFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public FeedFormatError Error { get; }
}
