using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AlertBot.Feeds.Parsing;

/// <summary>Turns HTML (feed descriptions, article blocks) into clean plain text: one line per block, collapsed spaces.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
        "button", "select", "option", "textarea", "input", "canvas", "audio", "video", "img", "picture", "title",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure", "figcaption", "address", "details", "summary",
        "form", "fieldset", "body", "html",
    };

    /// <summary>Elements whose content the tokenizer drops up to their end tag (void elements such as img are not here).</summary>
    private static readonly HashSet<string> SkippedContentElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head", "title",
        "button", "select", "textarea", "canvas", "audio", "video", "picture",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SkippedElementsLookup =
        SkippedContentElements.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockElementsLookup =
        BlockElements.GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static HtmlParser? parser;

    internal static HtmlParser Parser => parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });

    /// <summary>
    /// Plain text of an HTML fragment (entities decoded, tags dropped, script/style/media content dropped, one line
    /// per block). Feed descriptions are small and numerous, so this is a single-pass tokenizer rather than a DOM
    /// parse (an AngleSharp document costs ~100 µs per description; this costs a few): anything between <c>&lt;</c>
    /// + letter (or <c>/</c>, <c>!</c>, <c>?</c>) and the next unquoted <c>&gt;</c> is markup, as in HTML5.
    /// </summary>
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return FromPlainText(html);
        }

        var builder = new TextBuilder();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            var textEnd = lt < 0 ? html.Length : lt;
            if (textEnd > i)
            {
                AppendDecoded(builder, html.AsSpan(i, textEnd - i));
            }

            if (lt < 0)
            {
                break;
            }

            i = ReadMarkup(html, lt, builder);
        }

        return builder.ToString();
    }

    /// <summary>Handles the markup starting at <paramref name="lt"/> and returns the index after it.</summary>
    private static int ReadMarkup(string html, int lt, TextBuilder builder)
    {
        var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
        if (next == '!' && html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        if (next is '!' or '?')
        {
            var end = html.IndexOf('>', lt + 2);
            return end < 0 ? html.Length : end + 1;
        }

        var closing = next == '/';
        var nameStart = closing ? lt + 2 : lt + 1;
        if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
        {
            builder.AppendText("<"); // a literal '<' (for example "a < b")
            return lt + 1;
        }

        var nameEnd = nameStart;
        while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
        {
            nameEnd++;
        }

        var tagEnd = FindTagEnd(html, nameEnd);
        var name = html.AsSpan(nameStart, nameEnd - nameStart);
        var selfClosing = tagEnd > 1 && html[tagEnd - 2] == '/';
        if (!closing && !selfClosing && SkippedElementsLookup.Contains(name))
        {
            return SkipElementContent(html, tagEnd, name);
        }

        if (name.Equals("br", StringComparison.OrdinalIgnoreCase) || BlockElementsLookup.Contains(name))
        {
            builder.LineBreak();
        }

        return tagEnd;
    }

    /// <summary>The index after the <c>&gt;</c> that ends a tag, ignoring any inside quoted attribute values.</summary>
    private static int FindTagEnd(string html, int i)
    {
        var quote = '\0';
        for (; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    /// <summary>Skips to after the matching end tag (not nesting-aware; scripts and styles do not nest).</summary>
    private static int SkipElementContent(string html, int from, ReadOnlySpan<char> name)
    {
        var i = from;
        while (true)
        {
            var close = html.IndexOf("</", i, StringComparison.Ordinal);
            if (close < 0)
            {
                return html.Length;
            }

            var candidate = html.AsSpan(close + 2);
            if (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                && (candidate.Length == name.Length || !char.IsAsciiLetterOrDigit(candidate[name.Length])))
            {
                return FindTagEnd(html, close + 2 + name.Length);
            }

            i = close + 2;
        }
    }

    private static void AppendDecoded(TextBuilder builder, ReadOnlySpan<char> text)
    {
        if (text.IndexOf('&') < 0)
        {
            builder.AppendText(text);
            return;
        }

        builder.AppendText(WebUtility.HtmlDecode(text.ToString()));
    }

    /// <summary>Plain text of a DOM subtree.</summary>
    public static string FromNode(INode node)
    {
        var builder = new TextBuilder();
        Walk(node, builder);
        return builder.ToString();
    }

    /// <summary>Whitespace-normalised plain text (no markup interpretation).</summary>
    public static string FromPlainText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new TextBuilder();
        builder.AppendText(text);
        return builder.ToString();
    }

    private static void Walk(INode node, TextBuilder builder)
    {
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case IText text:
                    builder.AppendText(text.Data);
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (SkippedElements.Contains(name))
                    {
                        break;
                    }

                    if (name is "br")
                    {
                        builder.LineBreak();
                    }
                    else if (BlockElements.Contains(name))
                    {
                        builder.LineBreak();
                        Walk(element, builder);
                        builder.LineBreak();
                    }
                    else
                    {
                        Walk(element, builder);
                    }

                    break;
                default:
                    break; // comments, processing instructions, doctype
            }
        }
    }

    /// <summary>Accumulates text, collapsing whitespace runs and dropping control and zero-width characters.</summary>
    private sealed class TextBuilder
    {
        private readonly StringBuilder sb = new();
        private bool pendingSpace;
        private bool pendingLine;

        public void AppendText(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (c is '\n' or '\r' || char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }

                if (char.IsControl(c) || c is '\u200B' or '\uFEFF' or '\u00AD')
                {
                    continue;
                }

                if (sb.Length > 0)
                {
                    if (pendingLine)
                    {
                        sb.Append('\n');
                    }
                    else if (pendingSpace)
                    {
                        sb.Append(' ');
                    }
                }

                pendingLine = false;
                pendingSpace = false;
                sb.Append(c);
            }
        }

        public void LineBreak()
        {
            pendingLine = true;
            pendingSpace = false;
        }

        public override string ToString() => sb.ToString();
    }
}
