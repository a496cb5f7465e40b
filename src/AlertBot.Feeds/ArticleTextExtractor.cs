using AlertBot.Feeds.Parsing;
using AngleSharp.Dom;

namespace AlertBot.Feeds;

/// <summary>
/// Extracts the main text of an article page: boilerplate (navigation, scripts, styles, asides, headers, footers,
/// forms, hidden elements) is removed, then the block that holds the most paragraph text (paragraph text counts
/// for its parent, half for its grandparent, discounted by the share of same-site link text) is taken.
/// </summary>
public static class ArticleTextExtractor
{
    private const int MinParagraphChars = 25;

    private const string BoilerplateSelector =
        "script, style, noscript, template, nav, aside, footer, header, form, iframe, svg, button, select, figure, " +
        "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

    /// <summary>The main text of <paramref name="html"/>, one line per block; empty when the page has no text.</summary>
    /// <param name="baseUrl">The page's URL: links to its own site count as navigation when judging link density.</param>
    public static string Extract(string html, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var document = HtmlText.Parser.ParseDocument(html);
        var body = document.Body;
        if (body is null)
        {
            return string.Empty;
        }

        foreach (var element in body.QuerySelectorAll(BoilerplateSelector).ToList())
        {
            element.Remove();
        }

        var scores = new Dictionary<IElement, double>();
        foreach (var paragraph in body.QuerySelectorAll("p, pre, blockquote, li, td"))
        {
            var length = paragraph.TextContent.AsSpan().Trim().Length;
            if (length < MinParagraphChars || paragraph.QuerySelector("p, pre, blockquote") is not null)
            {
                continue; // short lines, and containers whose own paragraphs are counted instead
            }

            var score = length * (1 - SameSiteLinkDensity(paragraph, baseUrl));
            if (paragraph.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + score;
                if (parent.ParentElement is { } grandparent)
                {
                    scores[grandparent] = scores.GetValueOrDefault(grandparent) + (score / 2);
                }
            }
        }

        var best = scores.Count == 0 ? body : scores.MaxBy(pair => pair.Value).Key;
        return HtmlText.FromNode(best);
    }

    private static double SameSiteLinkDensity(IElement element, Uri baseUrl)
    {
        var total = element.TextContent.Length;
        if (total == 0)
        {
            return 0;
        }

        var linked = 0;
        foreach (var anchor in element.QuerySelectorAll("a[href]"))
        {
            if (Uri.TryCreate(baseUrl, anchor.GetAttribute("href"), out var target)
                && string.Equals(target.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                linked += anchor.TextContent.Length;
            }
        }

        return Math.Min(1.0, (double)linked / total);
    }
}
