using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Extraction;
using Microsoft.AspNetCore.Html;

namespace AlertBot.Pages;

/// <summary>A piece of a report's text: plain, or a highlighted span that a field was read from.</summary>
public sealed record TextSegment(string Text, string? Kind, string? Label);

/// <summary>Names and pieces of text for the console pages. Everything returned is plain text: Razor encodes it.</summary>
public sealed class ConsoleText(Gazetteer gazetteer)
{
    public Gazetteer Gazetteer => gazetteer;

    // Names in the reader's language first (the request's UI culture, set by request localization), then the other.
    public string Place(string id) => gazetteer.Find(id) is { } p ? Both(p.NameAr, p.NameEn) : id;

    public static string Type(string id) => EventTypes.Find(id) is { } t ? Both(t.NameAr, t.NameEn) : id;

    public static string Actor(string id) => ActorTaxonomy.Find(id) is { } a ? Both(a.NameAr, a.NameEn) : id;

    /// <summary>"al-Mayadin · الميادين" for an English reader, "الميادين · al-Mayadin" for an Arabic one.</summary>
    public static string Both(string arabic, string english) => ConsoleLocalizer.IsArabic ? $"{arabic} · {english}" : $"{english} · {arabic}";

    /// <summary>A delivery time, to the second: "2026-11-20 08:01:07 UTC".</summary>
    public static string Seconds(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static string Counts(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}")));

    public static string Status(EventStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The direction of a report's text: Arabic right-to-left, the rest left-to-right.</summary>
    public static string Direction(string language) => language == "ar" ? "rtl" : "ltr";

    /// <summary>
    /// Cuts <paramref name="text"/> into plain and highlighted segments from the spans of one part (<c>title</c> or
    /// <c>body</c>). Spans out of range are clipped; overlapping spans keep the first.
    /// </summary>
    public static IReadOnlyList<TextSegment> Segments(string? text, IEnumerable<Highlight> highlights, string part)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var segments = new List<TextSegment>();
        var at = 0;
        foreach (var h in highlights.Where(h => h.Part == part && h.Length > 0).OrderBy(h => h.Start).ThenByDescending(h => h.Length))
        {
            var start = Math.Clamp(h.Start, 0, text.Length);
            var end = Math.Clamp(h.Start + h.Length, 0, text.Length);
            if (start < at || end <= start)
            {
                continue;
            }

            if (start > at)
            {
                segments.Add(new TextSegment(text[at..start], null, null));
            }

            segments.Add(new TextSegment(text[start..end], h.Kind, h.Label));
            at = end;
        }

        if (at < text.Length)
        {
            segments.Add(new TextSegment(text[at..], null, null));
        }

        return segments;
    }

    /// <summary>
    /// The text with its highlights as HTML built from encoded pieces: every piece of the report goes through
    /// <see cref="HtmlContentBuilder.Append(string)"/> (encoded); only our own <c>mark</c> tags are markup. No whitespace is added.
    /// </summary>
    public static IHtmlContent Highlighted(string? text, IEnumerable<Highlight> highlights, string part)
    {
        var html = new HtmlContentBuilder();
        foreach (var s in Segments(text, highlights, part))
        {
            if (s.Kind is null)
            {
                html.Append(s.Text);
                continue;
            }

            html.AppendHtml("<mark class=\"hl-").Append(s.Kind).AppendHtml("\" title=\"").Append($"{s.Kind}: {s.Label}").AppendHtml("\">")
                .Append(s.Text).AppendHtml("</mark>");
        }

        return html;
    }

    /// <summary>A place id, or a name in Arabic or English resolved by the gazetteer (the best match), or null.</summary>
    public string? ResolvePlace(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        typed = typed.Trim();
        if (gazetteer.Find(typed) is { } exact)
        {
            return exact.Id;
        }

        var matches = gazetteer.Lookup(typed);
        return matches.Count > 0 ? matches[0].Id : null;
    }
}
