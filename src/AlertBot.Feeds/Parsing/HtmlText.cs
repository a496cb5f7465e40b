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
        "button", "select", "option", "textarea", "input", "canvas", "audio", "video", "img", "picture",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure", "figcaption", "address", "details", "summary",
        "form", "fieldset", "body", "html",
    };

    [ThreadStatic]
    private static HtmlParser? parser;

    internal static HtmlParser Parser => parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });

    /// <summary>Plain text of an HTML fragment (entities decoded, tags and scripts dropped).</summary>
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

        var document = Parser.ParseDocument(html);
        return FromNode(document.Body ?? (INode)document);
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

        public void AppendText(string text)
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
