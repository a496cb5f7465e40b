using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds;

/// <summary>
/// Detects and parses RSS 2.0, Atom 1.0 and JSON Feed 1.x documents into <see cref="FeedDocument"/>s.
/// XML is read with a hand-configured <see cref="XmlReader"/>: DTD processing prohibited, no resolver, so no
/// external or internal entity is ever expanded; a document that declares a DTD is refused before parsing.
/// Thread-safe; allocation is proportional to the body.
/// </summary>
public static class FeedParser
{
    /// <summary>Keys longer than this are replaced by a hash of themselves so that they fit an indexed column.</summary>
    public const int MaxKeyLength = 400;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private static readonly System.Buffers.SearchValues<char> NameTerminators = System.Buffers.SearchValues.Create(" \t\r\n/>");

    private static readonly XName XmlLang = XNamespace.Xml + "lang";
    private static readonly XName XmlBase = XNamespace.Xml + "base";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false, // real feeds carry stray control characters; the text cleaner drops them
        CloseInput = true,
    };

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses a feed body (as fetched, or a file's bytes).</summary>
    /// <param name="body">Raw bytes; the encoding is taken from a BOM, the XML declaration, the Content-Type charset, else UTF-8.</param>
    /// <param name="contentTypeHeader">The HTTP Content-Type value, or null (files).</param>
    /// <param name="feedUrl">Where the feed came from; relative links resolve against the feed's site link, else this.</param>
    /// <param name="fetchedAt">Taken as the date of items that carry none.</param>
    /// <exception cref="FeedFormatException">The body is not a readable RSS/Atom/JSON feed.</exception>
    public static FeedDocument Parse(ReadOnlySpan<byte> body, string? contentTypeHeader, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var text = TextDecoding.Decode(body, contentTypeHeader, lookForHtmlMeta: false, out _);
        return ParseText(text, contentTypeHeader, feedUrl, fetchedAt);
    }

    /// <summary>Parses a feed from a stream read to its end (for example an imported file).</summary>
    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, string?, Uri, DateTimeOffset)"/>
    public static FeedDocument Parse(Stream body, string? contentTypeHeader, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        body.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), contentTypeHeader, feedUrl, fetchedAt);
    }

    /// <summary>Parses a feed file (the <c>import</c> verb). Relative links resolve against <paramref name="baseUrl"/> when given.</summary>
    public static async Task<FeedDocument> ParseFileAsync(string path, Uri? baseUrl, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, contentTypeHeader: null, baseUrl ?? new Uri(Path.GetFullPath(path)), fetchedAt);
    }

    private static FeedDocument ParseText(string text, string? contentType, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        if (start == text.Length)
        {
            throw new FeedFormatException(FeedFormatError.NotAFeed, "The response body is empty.");
        }

        switch (text[start])
        {
            case '{':
                return ParseJson(text, feedUrl, fetchedAt);
            case '<':
                var root = ScanProlog(text, start);
                return ParseXml(text, root, feedUrl, fetchedAt);
            default:
                var isHtml = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true;
                throw new FeedFormatException(
                    isHtml ? FeedFormatError.NotAFeed : FeedFormatError.UnsupportedFormat,
                    isHtml
                        ? "The server returned an HTML page instead of a feed."
                        : "The body is neither XML nor a JSON object, so it is not a feed.");
        }
    }

    /// <summary>
    /// Walks the XML prolog (declaration, comments, processing instructions) up to the root element. Refuses HTML
    /// and any DOCTYPE: a feed has no use for a DTD, and refusing it here means no entity declaration is ever
    /// parsed (the reader's own prohibition stays on as a second guard).
    /// </summary>
    private static string ScanProlog(string text, int i)
    {
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var rest = text.AsSpan(i);
            if (rest.StartsWith("<?", StringComparison.Ordinal))
            {
                i = SkipPast(text, i, "?>");
            }
            else if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                i = SkipPast(text, i, "-->");
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                if (rest["<!DOCTYPE".Length..].TrimStart().StartsWith("html", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FeedFormatException(FeedFormatError.NotAFeed, "The server returned an HTML page instead of a feed.");
                }

                throw new FeedFormatException(
                    FeedFormatError.DtdProhibited,
                    "The XML document declares a DTD (DOCTYPE/ENTITY); DTDs are refused so that no entity is expanded.");
            }
            else if (rest.StartsWith("<", StringComparison.Ordinal))
            {
                var nameEnd = rest[1..].IndexOfAny(NameTerminators);
                var name = (nameEnd < 0 ? rest[1..] : rest.Slice(1, nameEnd)).ToString();
                var localName = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (localName.Equals("html", StringComparison.OrdinalIgnoreCase)
                    || localName.Equals("head", StringComparison.OrdinalIgnoreCase)
                    || localName.Equals("body", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FeedFormatException(FeedFormatError.NotAFeed, "The server returned an HTML page instead of a feed.");
                }

                return name;
            }
            else
            {
                throw new FeedFormatException(FeedFormatError.InvalidXml, "Invalid XML: text before the root element.");
            }
        }
    }

    private static int SkipPast(string text, int i, string terminator)
    {
        var end = text.IndexOf(terminator, i, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FeedFormatException(FeedFormatError.InvalidXml, "Invalid XML: unterminated markup in the prolog.");
        }

        return end + terminator.Length;
    }

    private static FeedDocument ParseXml(string text, string rootName, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
            reader.MoveToContent();
            if (reader.LocalName == "rss" && reader.NamespaceURI.Length == 0)
            {
                return ParseRss(reader, feedUrl, fetchedAt);
            }

            if (reader.LocalName == "feed" && reader.NamespaceURI == AtomNamespace)
            {
                return ParseAtom(reader, feedUrl, fetchedAt);
            }

            throw new FeedFormatException(
                FeedFormatError.UnsupportedFormat,
                $"The XML root element <{rootName}> is not RSS 2.0 (<rss>) or Atom 1.0 (<feed xmlns=\"{AtomNamespace}\">).");
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException(
                FeedFormatError.InvalidXml,
                $"Invalid XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}",
                ex);
        }
    }

    private static FeedDocument ParseRss(XmlReader reader, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        if (!reader.ReadToDescendant("channel"))
        {
            throw new FeedFormatException(FeedFormatError.UnsupportedFormat, "The RSS document has no <channel>.");
        }

        string? title = null, language = null;
        var baseUrl = feedUrl;
        var items = new ItemCollector();
        foreach (var element in ChildElements(reader))
        {
            if (element.Name.NamespaceName.Length == 0)
            {
                switch (element.Name.LocalName)
                {
                    case "item":
                        items.Add(ReadRssItem(element, baseUrl, language, fetchedAt));
                        break;
                    case "title":
                        title = NullIfEmpty(HtmlText.FromHtml(element.Value));
                        break;
                    case "language":
                        language = NullIfEmpty(element.Value.Trim());
                        break;
                    case "link":
                        baseUrl = ResolveLink(element.Value, feedUrl) ?? baseUrl;
                        break;
                    default:
                        break;
                }
            }
            else if (element.Name == XName.Get("language", DublinCoreNamespace))
            {
                language ??= NullIfEmpty(element.Value.Trim());
            }
        }

        return new FeedDocument(FeedFormat.Rss20, title, items.Items);
    }

    private static FeedItem ReadRssItem(XElement item, Uri baseUrl, string? channelLanguage, DateTimeOffset fetchedAt)
    {
        var title = NullIfEmpty(HtmlText.FromHtml(item.Element("title")?.Value));
        var guidElement = item.Element("guid");
        var guid = guidElement?.Value.Trim();
        var link = ResolveLink(item.Element("link")?.Value, baseUrl);
        if (link is null && guidElement is not null
            && !string.Equals((string?)guidElement.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
        {
            link = ResolveLink(guid, baseUrl);
        }

        var content = item.Element(XName.Get("encoded", ContentNamespace))?.Value;
        var text = HtmlText.FromHtml(string.IsNullOrWhiteSpace(content) ? item.Element("description")?.Value : content);
        var language = NullIfEmpty(item.Element(XName.Get("language", DublinCoreNamespace))?.Value.Trim())
            ?? NullIfEmpty((string?)item.Attribute(XmlLang))
            ?? channelLanguage;
        var dateText = item.Element("pubDate")?.Value
            ?? item.Element(XName.Get("date", DublinCoreNamespace))?.Value
            ?? item.Element(XName.Get("updated", AtomNamespace))?.Value;
        return MakeItem(guid, link, title, text, language, dateText, fetchedAt);
    }

    private static FeedDocument ParseAtom(XmlReader reader, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        var feedLanguage = NullIfEmpty(reader.XmlLang);
        var baseUrl = ResolveBase(reader.GetAttribute("xml:base"), feedUrl);
        string? title = null;
        var items = new ItemCollector();
        foreach (var element in ChildElements(reader))
        {
            if (element.Name.NamespaceName != AtomNamespace)
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "entry":
                    items.Add(ReadAtomEntry(element, baseUrl, feedLanguage, fetchedAt));
                    break;
                case "title":
                    title = NullIfEmpty(AtomText(element));
                    break;
                default:
                    break;
            }
        }

        return new FeedDocument(FeedFormat.Atom10, title, items.Items);
    }

    private static FeedItem ReadAtomEntry(XElement entry, Uri feedBase, string? feedLanguage, DateTimeOffset fetchedAt)
    {
        XNamespace atom = AtomNamespace;
        var baseUrl = ResolveBase((string?)entry.Attribute(XmlBase), feedBase);
        var id = entry.Element(atom + "id")?.Value.Trim();
        var title = NullIfEmpty(AtomText(entry.Element(atom + "title")));
        var links = entry.Elements(atom + "link")
            .Select(l => new { Rel = ((string?)l.Attribute("rel"))?.Trim() ?? "alternate", Type = (string?)l.Attribute("type"), Href = (string?)l.Attribute("href"), Base = ResolveBase((string?)l.Attribute(XmlBase), baseUrl) })
            .ToList();
        var chosen = links.FirstOrDefault(l => l.Rel == "alternate" && (l.Type is null || l.Type.Contains("html", StringComparison.OrdinalIgnoreCase)))
            ?? links.FirstOrDefault(l => l.Rel == "alternate")
            ?? links.FirstOrDefault();
        var link = chosen is null ? null : ResolveLink(chosen.Href, chosen.Base);
        var content = AtomText(entry.Element(atom + "content"));
        var text = string.IsNullOrEmpty(content) ? AtomText(entry.Element(atom + "summary")) : content;
        var language = NullIfEmpty((string?)entry.Attribute(XmlLang)) ?? feedLanguage;
        var dateText = entry.Element(atom + "published")?.Value ?? entry.Element(atom + "updated")?.Value;
        return MakeItem(id, link, title, text, language, dateText, fetchedAt);
    }

    /// <summary>Plain text of an Atom text construct (type text, html or xhtml).</summary>
    private static string AtomText(XElement? element)
    {
        if (element is null)
        {
            return string.Empty;
        }

        var type = ((string?)element.Attribute("type"))?.Trim();
        if (string.Equals(type, "xhtml", StringComparison.OrdinalIgnoreCase))
        {
            var container = element.Elements().FirstOrDefault() ?? element;
            return HtmlText.FromHtml(string.Concat(container.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))));
        }

        if (string.Equals(type, "html", StringComparison.OrdinalIgnoreCase)
            || (type is not null && type.Contains("html", StringComparison.OrdinalIgnoreCase)))
        {
            return HtmlText.FromHtml(element.Value);
        }

        return HtmlText.FromPlainText(element.Value);
    }

    private static FeedDocument ParseJson(string text, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FeedFormatException(FeedFormatError.InvalidJson, $"Invalid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.ValueKind == JsonValueKind.Object ? GetString(root, "version") : null;
            if (version is null || !version.Contains("jsonfeed.org/version/1", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedFormatException(
                    FeedFormatError.UnsupportedFormat,
                    "The JSON document is not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\").");
            }

            var title = NullIfEmpty(HtmlText.FromPlainText(GetString(root, "title")));
            var feedLanguage = NullIfEmpty(GetString(root, "language")?.Trim());
            var baseUrl = ResolveLink(GetString(root, "home_page_url"), feedUrl) ?? feedUrl;
            var items = new ItemCollector();
            if (root.TryGetProperty("items", out var array))
            {
                if (array.ValueKind != JsonValueKind.Array)
                {
                    throw new FeedFormatException(FeedFormatError.InvalidJson, "The JSON Feed \"items\" member is not an array.");
                }

                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var id = item.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        ? idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText()
                        : null;
                    var link = ResolveLink(GetString(item, "url"), baseUrl) ?? ResolveLink(GetString(item, "external_url"), baseUrl);
                    var itemTitle = NullIfEmpty(HtmlText.FromPlainText(GetString(item, "title")));
                    var html = GetString(item, "content_html");
                    var body = !string.IsNullOrWhiteSpace(html)
                        ? HtmlText.FromHtml(html)
                        : HtmlText.FromPlainText(GetString(item, "content_text") ?? GetString(item, "summary"));
                    var language = NullIfEmpty(GetString(item, "language")?.Trim()) ?? feedLanguage;
                    var dateText = GetString(item, "date_published") ?? GetString(item, "date_modified");
                    items.Add(MakeItem(id?.Trim(), link, itemTitle, body, language, dateText, fetchedAt));
                }
            }

            return new FeedDocument(FeedFormat.JsonFeed11, title, items.Items);
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static FeedItem MakeItem(string? id, Uri? link, string? title, string text, string? language, string? dateText, DateTimeOffset fetchedAt)
    {
        var hasDate = FeedDateParser.TryParse(dateText, out var published);
        return new FeedItem(
            ComputeKey(id, link, title, text),
            link,
            title,
            text,
            language,
            hasDate ? published : fetchedAt,
            DateWasMissing: !hasDate);
    }

    /// <summary>
    /// The stable identity of an item: guid/id when present, else the absolute link, else <c>sha256:</c> of the
    /// cleaned title and text. Over-long keys are hashed. The same input always gives the same key.
    /// </summary>
    internal static string ComputeKey(string? id, Uri? link, string? title, string text)
    {
        var key = !string.IsNullOrWhiteSpace(id) ? id
            : link is not null ? link.AbsoluteUri
            : "sha256:" + Hash(title + "\n" + text);
        return key.Length <= MaxKeyLength ? key : "sha256:" + Hash(key);
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static Uri? ResolveLink(string? href, Uri baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        return Uri.TryCreate(baseUrl, href.Trim(), out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
    }

    private static Uri ResolveBase(string? xmlBase, Uri parent) =>
        !string.IsNullOrWhiteSpace(xmlBase) && Uri.TryCreate(parent, xmlBase.Trim(), out var uri) ? uri : parent;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Materialises each child element of the element the reader is on, one at a time.</summary>
    private static IEnumerable<XElement> ChildElements(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                yield return (XElement)XNode.ReadFrom(reader);
            }
            else
            {
                reader.Read();
            }
        }
    }

    /// <summary>Collects items in order, keeping the first of any that share a key.</summary>
    private sealed class ItemCollector
    {
        private readonly HashSet<string> keys = new(StringComparer.Ordinal);

        public List<FeedItem> Items { get; } = [];

        public void Add(FeedItem item)
        {
            if (keys.Add(item.Key))
            {
                Items.Add(item);
            }
        }
    }
}
