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

/// <summary>What a notice under an alert tells its readers.</summary>
public enum NoticeKind
{
    /// <summary>Moderators retracted the event: the alert above was wrong.</summary>
    Retracted,

    /// <summary>Moderators corrected the event's type or place: the alert above now says what happened where.</summary>
    Corrected,
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
    string? NoteEn = null,
    ModerationNote? Moderation = null,
    IReadOnlyDictionary<string, string>? ActorRoles = null);

/// <summary>What moderators did to the event: how many confirmed it (or whether trusted outlets did), and whether one corrected it.</summary>
public sealed record ModerationNote(int Moderators, bool AutoConfirmed = false, bool Corrected = false);

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
    private static readonly string[] CountOrder = ["rockets", "missiles", "shells", "drones", "strikes", "explosions", "vehicles", "killed", "wounded", "detained"];

    // For masculine nouns 3 to 10 take the feminine form of the number, and for feminine nouns the masculine one.
    private static readonly string[] MasculineNounNumbers = ["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"];
    private static readonly string[] FeminineNounNumbers = ["ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر"];

    private sealed record CountNoun(bool Feminine, string One, string Two, string Plural, string Singular, string Accusative, string? EnglishNoun);

    private static readonly Dictionary<string, CountNoun> CountNouns = new(StringComparer.Ordinal)
    {
        ["rockets"] = new(false, "صاروخ واحد", "صاروخان", "صواريخ", "صاروخ", "صاروخًا", "rocket"),
        ["missiles"] = new(false, "صاروخ واحد", "صاروخان", "صواريخ", "صاروخ", "صاروخًا", "missile"),
        ["shells"] = new(true, "قذيفة واحدة", "قذيفتان", "قذائف", "قذيفة", "قذيفة", "shell"),
        ["drones"] = new(true, "طائرة مسيّرة واحدة", "طائرتان مسيّرتان", "طائرات مسيّرة", "طائرة مسيّرة", "طائرة مسيّرة", "drone"),
        ["strikes"] = new(true, "غارة واحدة", "غارتان", "غارات", "غارة", "غارة", "strike"),
        ["explosions"] = new(false, "انفجار واحد", "انفجاران", "انفجارات", "انفجار", "انفجارًا", "explosion"),
        ["vehicles"] = new(true, "آلية واحدة", "آليتان", "آليات", "آلية", "آلية", "vehicle"),
        ["killed"] = new(false, "قتيل واحد", "قتيلان", "قتلى", "قتيل", "قتيلًا", null),
        ["wounded"] = new(false, "جريح واحد", "جريحان", "جرحى", "جريح", "جريحًا", null),
        ["detained"] = new(false, "معتقل واحد", "معتقلان", "معتقلين", "معتقل", "معتقلًا", null),
        ["outlets"] = new(false, "مصدر واحد", "مصدران", "مصادر", "مصدر", "مصدرًا", "outlet"),
    };

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

    /// <summary>
    /// The short message that replies to an alert when its event is retracted or its type or place corrected, in the
    /// chat's languages, naming the event as it is now (the alert above has been edited to match).
    /// </summary>
    public RichText RenderNotice(NoticeKind kind, IReadOnlyList<string> eventTypes, IReadOnlyList<string> placeIds, ChatLanguage language)
    {
        var lines = new List<RichLine>();
        foreach (var arabic in language switch { ChatLanguage.Ar => [true], ChatLanguage.En => [false], _ => new[] { true, false } })
        {
            var what = $"{TitleText(eventTypes, arabic)} — {PlacesText(placeIds, arabic)}";
            lines.Add(kind == NoticeKind.Retracted
                ? new RichLine(
                    [
                        new Segment(arabic ? "⚠️ سُحب التنبيه: " : "⚠️ Retracted: ", Bold: true),
                        new Segment(arabic
                            ? $"سحب المشرفون التنبيه عن «{what}» لأنه تبيّن أنه غير دقيق."
                            : $"moderators withdrew the alert about \"{what}\"; it turned out to be wrong."),
                    ],
                    arabic)
                : new RichLine(
                    [
                        new Segment(arabic ? "✏️ تصحيح: " : "✏️ Corrected: ", Bold: true),
                        new Segment(arabic ? $"صحّح المشرفون التنبيه، وصار: {what}." : $"moderators corrected the alert; it now reads: {what}."),
                    ],
                    arabic));
        }

        return new RichText(lines);
    }

    /// <summary>"about 2 hours ago" / "منذ ساعتين", relative to <paramref name="now"/>.</summary>
    public static string RelativeTime(DateTimeOffset at, DateTimeOffset now, bool arabic) =>
        at.Humanize(now, arabic ? Arabic : English);

    /// <summary>
    /// A count with its noun, following Arabic number agreement: 1 and 2 in the noun's own forms (صاروخ واحد،
    /// صاروخان), 3 to 10 in words of the opposite gender with the plural (ثلاثة صواريخ، ثماني قذائف), 11 to 99 with the
    /// singular in the accusative (12 صاروخًا), round hundreds with the singular (100 صاروخ). A count of a kind the bot
    /// has no noun for (one a moderator typed) is written "kind: n".
    /// </summary>
    public static string ArabicCount(string key, int n)
    {
        var number = n.ToString(CultureInfo.InvariantCulture);
        if (!CountNouns.TryGetValue(key, out var noun))
        {
            return $"{key.Replace('_', ' ')}: {number}";
        }

        var tail = n % 100;
        return n switch
        {
            0 => $"لا {noun.Plural}",
            1 => noun.One,
            2 => noun.Two,
            >= 3 and <= 10 => $"{(noun.Feminine ? FeminineNounNumbers : MasculineNounNumbers)[n - 3]} {noun.Plural}",
            _ when tail is >= 3 and <= 10 => $"{number} {noun.Plural}",
            _ when tail is 0 or 1 or 2 => $"{number} {noun.Singular}",
            _ => $"{number} {noun.Accusative}",
        };
    }

    /// <summary>"2 rockets", "1 drone", "3 killed"; a kind without a noun is written "kind: n".</summary>
    public static string EnglishCount(string key, int n)
    {
        var number = n.ToString(CultureInfo.InvariantCulture);
        if (!CountNouns.TryGetValue(key, out var noun))
        {
            return $"{key.Replace('_', ' ')}: {number}";
        }

        if (noun.EnglishNoun is null)
        {
            return n == 0 ? $"none {key}" : $"{number} {key}";
        }

        var word = n == 1 ? noun.EnglishNoun : noun.EnglishNoun.Pluralize();
        return n == 0 ? $"no {word}" : $"{number} {word}";
    }

    /// <summary>Every count the event holds: the known kinds in their usual order, then any others by name.</summary>
    public static IEnumerable<KeyValuePair<string, int>> OrderedCounts(IReadOnlyDictionary<string, int> counts) =>
        counts.OrderBy(c => Array.IndexOf(CountOrder, c.Key) is var i && i >= 0 ? i : CountOrder.Length)
            .ThenBy(c => c.Key, StringComparer.Ordinal);

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

        yield return Line(new Segment("🔴 "), new Segment(TitleText(alert.EventTypes, arabic), Bold: true), new Segment(" — " + PlacesText(alert.PlaceIds, arabic)));

        if (Imprecision(alert.PlaceIds) is { } level)
        {
            yield return Line(new Segment(arabic ? $"الموقع غير دقيق: على مستوى {level.Ar} فقط." : $"Location imprecise: {level.En} level only."));
        }

        var (roles, actors) = ActorRoleText.Describe(alert.ActorIds, alert.ActorRoles, alert.EventTypes, arabic);
        if (roles.Count > 0)
        {
            // "Target: International coalition · Attacker: unknown"
            yield return Line([.. roles.SelectMany((r, i) => new[]
            {
                new Segment((i == 0 ? "" : " · ") + r.Label + ": "),
                new Segment(string.Join(arabic ? "، " : ", ", r.Names)),
            })]);
        }

        if (actors.Count > 0)
        {
            yield return Line(new Segment(arabic ? "الأطراف: " : "Actors: "), new Segment(string.Join(arabic ? "، " : ", ", actors)));
        }

        var counts = OrderedCounts(alert.Counts).Select(c => arabic ? ArabicCount(c.Key, c.Value) : EnglishCount(c.Key, c.Value)).ToList();
        if (counts.Count > 0)
        {
            yield return Line(new Segment(arabic ? "الأعداد: " : "Counts: "), new Segment(string.Join(arabic ? "، " : ", ", counts)));
        }

        var local = TimeZoneInfo.ConvertTime(alert.OccurredAt, zone);
        var absolute = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var zoneName = ZoneNames.Of(zone);
        yield return Line(new Segment(arabic
            ? $"الوقت: {RelativeTime(alert.OccurredAt, now, arabic: true)} ({absolute} {zoneName.Ar})"
            : $"When: {RelativeTime(alert.OccurredAt, now, arabic: false)} ({absolute}, {zoneName.En})"));

        yield return Line(new Segment(StatusText(alert, arabic)));

        if ((arabic ? alert.NoteAr : alert.NoteEn) is { Length: > 0 } note)
        {
            yield return Line(new Segment(arabic ? "ملاحظة: " : "Note: "), new Segment(Cap(note)));
        }
    }

    /// <summary>What moderators did and how many independent outlets report the event.</summary>
    private static string StatusText(AlertView alert, bool arabic)
    {
        var moderation = alert.Moderation ?? new ModerationNote(1);
        var parts = new List<string>();
        if (alert.State == AlertState.Retracted)
        {
            parts.Add(arabic ? "❌ سحبه المشرفون" : "❌ Retracted by moderators");
        }
        else if (moderation.AutoConfirmed)
        {
            parts.Add(arabic ? "✅ أُكّد تلقائيًا: نقلته مصادر موثوقة" : "✅ Confirmed automatically: reported by trusted outlets");
        }
        else
        {
            parts.Add(moderation.Moderators >= 2
                ? arabic ? "✅ أكّده مشرفان" : "✅ Confirmed by two moderators"
                : arabic ? "✅ أكّده مشرف واحد" : "✅ Confirmed by one moderator");
        }

        if (moderation.Corrected && alert.State != AlertState.Retracted)
        {
            parts.Add(arabic ? "صحّحه مشرف" : "corrected by a moderator");
        }

        var outlets = Math.Max(1, alert.IndependentSources);
        parts.Add(arabic
            ? $"المصادر المستقلة: {ArabicCount("outlets", outlets)}"
            : $"Independent sources: {outlets.ToString(CultureInfo.InvariantCulture)}");
        return string.Join(" · ", parts);
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

    /// <summary>The event's types by name, or "Incident" when it has none the taxonomy knows.</summary>
    private static string TitleText(IReadOnlyList<string> eventTypes, bool arabic)
    {
        var types = eventTypes.Select(EventTypes.Find).OfType<EventType>().Select(t => arabic ? t.NameAr : t.NameEn).ToList();
        return types.Count > 0 ? string.Join(arabic ? "، " : ", ", types) : arabic ? "حادثة" : "Incident";
    }

    /// <summary>
    /// Each place with the district or governorate it lies in, named as an area in each language:
    /// "al-Mayadin (Mayadin District)", "الميادين (منطقة الميادين)".
    /// </summary>
    public string PlacesText(IReadOnlyList<string> placeIds, bool arabic)
    {
        var names = new List<string>();
        foreach (var id in placeIds)
        {
            if (gazetteer.Find(id) is not { } place)
            {
                continue;
            }

            var name = arabic ? ArabicName(place) : place.NameEn;
            var container = place.Kind is "governorate" or "district"
                ? null
                : gazetteer.AncestorsOf(id).FirstOrDefault(a => a.Kind is "district" or "governorate");
            names.Add(container is null ? name : $"{name} ({(arabic ? ArabicName(container) : container.NameEn)})");
        }

        return names.Count > 0 ? string.Join(arabic ? "، " : ", ", names) : arabic ? "المنطقة الشرقية" : "eastern Syria";
    }

    /// <summary>The Arabic name, with the word for its kind when the place is an area: "منطقة الميادين", "محافظة دير الزور".</summary>
    public static string ArabicName(Place place)
    {
        var kind = place.Kind switch
        {
            "governorate" => "محافظة",
            "district" => "منطقة",
            "subdistrict" => "ناحية",
            _ => null,
        };
        return kind is null || place.NameAr.StartsWith(kind, StringComparison.Ordinal) ? place.NameAr : $"{kind} {place.NameAr}";
    }

    /// <summary>When every place of the event is an area, the coarsest level it is known at (an event there is imprecise).</summary>
    private (string Ar, string En)? Imprecision(IReadOnlyList<string> placeIds)
    {
        var places = placeIds.Select(gazetteer.Find).OfType<Place>().ToList();
        if (places.Count == 0 || places.Any(p => p.Kind is not ("governorate" or "district" or "subdistrict" or "desert_area" or "region" or "country")))
        {
            return null;
        }

        return places.Select(p => p.Kind).Max(KindRank) switch
        {
            >= 3 => ("المحافظة", "governorate"),
            2 => ("المنطقة", "district"),
            1 => ("الناحية", "subdistrict"),
            _ => ("البادية", "desert area"),
        };
    }

    private static int KindRank(string kind) => kind switch
    {
        "country" or "region" => 4,
        "governorate" => 3,
        "district" => 2,
        "subdistrict" => 1,
        _ => 0,
    };
}
