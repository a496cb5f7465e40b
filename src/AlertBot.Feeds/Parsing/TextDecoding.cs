using System.Text;

namespace AlertBot.Feeds.Parsing;

/// <summary>
/// Picks the character encoding of a fetched body and decodes it. Order: byte-order mark, then the encoding named
/// in the document itself (XML declaration, or an HTML meta charset), then the HTTP Content-Type charset, then UTF-8.
/// The document's own declaration wins over the header because feed servers often send a generic charset for static
/// files whose declaration is right. Unknown encoding names fall back to UTF-8; undecodable bytes become U+FFFD.
/// </summary>
internal static class TextDecoding
{
    private const int DeclarationScanBytes = 1024;

    private static readonly System.Buffers.SearchValues<char> CharsetTerminators = System.Buffers.SearchValues.Create("\"'; />");

    static TextDecoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string Decode(ReadOnlySpan<byte> body, string? contentTypeHeader, bool lookForHtmlMeta, out Encoding encoding)
    {
        var bomLength = DetectBom(body, out var bomEncoding);
        if (bomEncoding is not null)
        {
            encoding = bomEncoding;
            return bomEncoding.GetString(body[bomLength..]);
        }

        if (body.Length >= 4 && body[0] == '<' && body[1] == 0 && body[2] == '?' && body[3] == 0)
        {
            encoding = Encoding.Unicode;
        }
        else if (body.Length >= 4 && body[0] == 0 && body[1] == '<' && body[2] == 0 && body[3] == '?')
        {
            encoding = Encoding.BigEndianUnicode;
        }
        else
        {
            encoding = Resolve(FindDeclaredEncoding(body, lookForHtmlMeta))
                ?? Resolve(CharsetFromContentType(contentTypeHeader))
                ?? Encoding.UTF8;
        }

        return encoding.GetString(body);
    }

    /// <summary>The <c>charset</c> parameter of a Content-Type header value, unquoted, or null.</summary>
    public static string? CharsetFromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        foreach (var part in contentType.Split(';'))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed["charset=".Length..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }

    public static Encoding? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(name.Trim());

            // A UTF-16 label on a body without a BOM or a UTF-16 pattern is wrong (the bytes are ASCII-compatible).
            return encoding is UnicodeEncoding ? Encoding.UTF8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int DetectBom(ReadOnlySpan<byte> body, out Encoding? encoding)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = Encoding.UTF8;
            return 3;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = Encoding.Unicode;
            return 2;
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = Encoding.BigEndianUnicode;
            return 2;
        }

        encoding = null;
        return 0;
    }

    /// <summary>
    /// Reads <c>encoding="…"</c> from an XML declaration at the start of the body, or (for HTML) the charset of a
    /// <c>meta</c> element within the first kilobyte. The scan treats bytes as ASCII, which every encoding
    /// that can be declared this way is compatible with.
    /// </summary>
    private static string? FindDeclaredEncoding(ReadOnlySpan<byte> body, bool lookForHtmlMeta)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, DeclarationScanBytes)]);
        var start = head.AsSpan().TrimStart();
        if (start.StartsWith("<?xml", StringComparison.Ordinal))
        {
            var end = start.IndexOf("?>", StringComparison.Ordinal);
            if (end > 0)
            {
                return AttributeValue(start[..end].ToString(), "encoding");
            }
        }

        if (lookForHtmlMeta)
        {
            var charset = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
            if (charset > 0 && head.LastIndexOf("<meta", charset, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var value = head.AsSpan(charset + "charset=".Length).TrimStart("\"'");
                var stop = value.IndexOfAny(CharsetTerminators);
                return (stop >= 0 ? value[..stop] : value).ToString();
            }
        }

        return null;
    }

    private static string? AttributeValue(string declaration, string name)
    {
        var index = declaration.IndexOf(name, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var rest = declaration.AsSpan(index + name.Length).TrimStart();
        if (rest.Length == 0 || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].TrimStart();
        if (rest.Length == 0 || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var quote = rest[0];
        var close = rest[1..].IndexOf(quote);
        return close < 0 ? null : rest.Slice(1, close).ToString();
    }
}
