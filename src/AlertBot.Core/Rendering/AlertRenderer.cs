using System.Globalization;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Humanizer;

namespace AlertBot.Core.Rendering;

public enum AlertState
{
    Confirmed,
    Updated,
    Retracted,
}

/// <summary>Where a report came from, as shown under an alert: the outlet, its link and its headline in its own language.</summary>
public sealed record SourceLink(string Outlet, Uri? Url, string? Headline, string? Language);

/// <summary>The structured event an alert is written from (never translated text).</summary>
public sealed record AlertView(
    long EventId,
    AlertState State,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> PlaceIds,
    IReadOnlyList<string> ActorIds,
    IReadOnlyDictionary<string, int> Counts,
    DateTimeOffset OccurredAt,
    int IndependentSources,
    IReadOnlyList<SourceLink> Sources,
    string? NoteAr = null,
    string? NoteEn = null);

/// <summary>
/// Writes an alert in Arabic, English or both from the structured event: place and actor names from the gazetteer and
/// the taxonomy, counts with their nouns, the time relative (Humanizer) and absolute in the recipient's time zone.
/// </summary>
public sealed class AlertRenderer(Gazetteer gazetteer)
{
    /// <summary>Longest headline or note quoted, so that no line can outgrow a message.</summary>
    public const int MaxQuoted = 300;

    public const int MaxSourcesShown = 5;

    private static readonly CultureInfo Arabic = CultureInfo.GetCultureInfo("ar");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly string[] CountOrder = ["rockets", "drones", "strikes", "killed", "wounded"];

    public RichText Render(AlertView alert, ChatLanguage language, TimeZoneInfo zone, DateTimeOffset now)
    {
        var lines = new List<RichLine>();
        if (language != ChatLanguage.En)
        {
            lines.AddRange(Lines(alert, arabic: true, zone, now));
        }

        if (language == ChatLanguage.Both)
        {
            lines.Add(RichLine.Blank);
        }

        if (language != ChatLanguage.Ar)
        {
            lines.AddRange(Lines(alert, arabic: false, zone, now));
        }

        lines.Add(RichLine.Blank);
        lines.AddRange(SourceLines(alert));
        return new RichText(lines);
    }

    /// <summary>"about 2 hours ago" / "منذ ساعتين", relative to <paramref name="now"/>.</summary>
    public static string RelativeTime(DateTimeOffset at, DateTimeOffset now, bool arabic) =>
        at.Humanize(now, arabic ? Arabic : English);

    /// <summary>A count with its noun, following Arabic number agreement (1, 2, 3–10, 11+).</summary>
    public static string ArabicCount(string key, int n)
    {
        var (one, two, few, many) = key switch
        {
            "rockets" => ("صاروخ واحد", "صاروخان", "صواريخ", "صاروخًا"),
            "drones" => ("طائرة مسيّرة واحدة", "طائرتان مسيّرتان", "طائرات مسيّرة", "طائرة مسيّرة"),
            "strikes" => ("غارة واحدة", "غارتان", "غارات", "غارة"),
            "killed" => ("قتيل واحد", "قتيلان", "قتلى", "قتيلًا"),
            "wounded" => ("جريح واحد", "جريحان", "جرحى", "جريحًا"),
            _ => (key, key, key, key),
        };
        return n switch
        {
            1 => one,
            2 => two,
            >= 3 and <= 10 => $"{n.ToString(CultureInfo.InvariantCulture)} {few}",
            _ => $"{n.ToString(CultureInfo.InvariantCulture)} {many}",
        };
    }

    public static string EnglishCount(string key, int n)
    {
        var noun = key switch
        {
            "rockets" => "rocket",
            "drones" => "drone",
            "strikes" => "strike",
            "killed" => null,
            "wounded" => null,
            _ => key,
        };
        var number = n.ToString(CultureInfo.InvariantCulture);
        return noun is null ? $"{number} {key}" : $"{number} {(n == 1 ? noun : noun.Pluralize())}";
    }

    private static string Cap(string text) => text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…");

    private IEnumerable<RichLine> Lines(AlertView alert, bool arabic, TimeZoneInfo zone, DateTimeOffset now)
    {
        RichLine Line(params Segment[] segments) => new(segments, arabic);

        if (alert.State == AlertState.Retracted)
        {
            yield return Line(new Segment(arabic ? "⚠️ سُحب هذا التنبيه: تبيّن أنه غير دقيق." : "⚠️ RETRACTED: this alert turned out to be wrong.", Bold: true));
        }
        else if (alert.State == AlertState.Updated)
        {
            yield return Line(new Segment(arabic ? "✏️ تحديث" : "✏️ Updated", Bold: true));
        }

        var types = alert.EventTypes.Select(EventTypes.Find).OfType<EventType>().Select(t => arabic ? t.NameAr : t.NameEn).ToList();
        var title = types.Count > 0 ? string.Join(arabic ? "، " : ", ", types) : arabic ? "حادثة" : "Incident";
        yield return Line(new Segment("🔴 "), new Segment(title, Bold: true), new Segment(" — " + PlacesText(alert.PlaceIds, arabic)));

        if (alert.PlaceIds.Count > 0 && alert.PlaceIds.All(id => gazetteer.Find(id)?.Kind is "governorate"))
        {
            yield return Line(new Segment(arabic ? "الموقع غير دقيق: على مستوى المحافظة فقط." : "Location imprecise: governorate level only."));
        }

        var actors = alert.ActorIds.Where(a => a != "unknown").Select(ActorTaxonomy.Find).OfType<Actor>().Select(a => arabic ? a.NameAr : a.NameEn).ToList();
        if (actors.Count > 0)
        {
            yield return Line(new Segment(arabic ? "الأطراف: " : "Actors: "), new Segment(string.Join(arabic ? "، " : ", ", actors)));
        }

        var counts = CountOrder.Where(alert.Counts.ContainsKey).Select(k => arabic ? ArabicCount(k, alert.Counts[k]) : EnglishCount(k, alert.Counts[k])).ToList();
        if (counts.Count > 0)
        {
            yield return Line(new Segment(arabic ? "الأعداد: " : "Counts: "), new Segment(string.Join(arabic ? "، " : ", ", counts)));
        }

        var local = TimeZoneInfo.ConvertTime(alert.OccurredAt, zone);
        var absolute = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        yield return Line(new Segment(arabic
            ? $"الوقت: {RelativeTime(alert.OccurredAt, now, arabic: true)} ({absolute} بتوقيت {zone.Id})"
            : $"When: {RelativeTime(alert.OccurredAt, now, arabic: false)} ({absolute} {zone.Id})"));

        var sources = alert.IndependentSources.ToString(CultureInfo.InvariantCulture);
        yield return Line(new Segment(arabic
            ? $"المصادر المستقلة: {sources} · أكّده المشرفون"
            : $"Independent sources: {sources} · confirmed by moderators"));

        if ((arabic ? alert.NoteAr : alert.NoteEn) is { Length: > 0 } note)
        {
            yield return Line(new Segment(arabic ? "ملاحظة: " : "Note: "), new Segment(Cap(note)));
        }
    }

    private static IEnumerable<RichLine> SourceLines(AlertView alert)
    {
        foreach (var source in alert.Sources.Take(MaxSourcesShown))
        {
            var label = source.Headline is { Length: > 0 } h ? $"{source.Outlet}: {Cap(h)}" : source.Outlet;
            var rtl = source.Language == "ar";
            yield return new RichLine([new Segment("🔗 "), new Segment(label, Link: source.Url)], rtl);
        }
    }

    /// <summary>Each place with the district or governorate it lies in: "al-Mayadin (Mayadin District)".</summary>
    private string PlacesText(IReadOnlyList<string> placeIds, bool arabic)
    {
        var names = new List<string>();
        foreach (var id in placeIds)
        {
            if (gazetteer.Find(id) is not { } place)
            {
                continue;
            }

            var name = arabic ? place.NameAr : place.NameEn;
            var container = place.Kind is "governorate" or "district"
                ? null
                : gazetteer.AncestorsOf(id).FirstOrDefault(a => a.Kind is "district" or "governorate");
            names.Add(container is null ? name : $"{name} ({(arabic ? container.NameAr : container.NameEn)})");
        }

        return names.Count > 0 ? string.Join(arabic ? "، " : ", ", names) : arabic ? "المنطقة الشرقية" : "eastern Syria";
    }
}
