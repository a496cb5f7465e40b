using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Digests;

/// <summary>
/// Builds the text of a digest from structured events, in Arabic, English or both: a header with the period (and the
/// filter), totals by type, the period's confirmed events grouped by district and place in time order (type, other
/// places, actors, counts, the time relative to the end of the period and on the clock, independent sources), then
/// the corrections and retractions since the last digest. Pure: the same request and events give the same text; the
/// relative times are read against the end of the period, never against the clock.
/// </summary>
/// <remarks>
/// The lines of an event are rendered once per language, time zone and period end and kept with the
/// <see cref="DigestEvent"/> instance (a weak table: they go when it goes), so building the digests of many channels
/// from one load of events renders each event once per language.
/// </remarks>
public sealed class DigestBuilder
{
    private const string Bullet = "▪️ ";

    private readonly Gazetteer _gazetteer;
    private readonly AlertRenderer _renderer;
    private readonly DigestFilterMatcher _matcher;
    private readonly Dictionary<string, int> _rank;
    private readonly ConcurrentDictionary<string, Place?> _groupOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, ChatLanguage Language, bool Group), DigestBlock> _headings = new();
    private readonly ConcurrentDictionary<(string Group, string? Place, ChatLanguage Language), DigestBlock> _continued = new();
    private readonly ConcurrentDictionary<(string Title, ChatLanguage Language), (DigestBlock Heading, DigestBlock Continued)> _sections = new();
    private readonly ConditionalWeakTable<DigestEvent, ConcurrentDictionary<ItemKey, DigestBlock>> _items = new();

    public DigestBuilder(Gazetteer gazetteer)
        : this(gazetteer, new DigestFilterMatcher(gazetteer))
    {
    }

    public DigestBuilder(Gazetteer gazetteer, DigestFilterMatcher matcher)
    {
        _gazetteer = gazetteer;
        _renderer = new AlertRenderer(gazetteer);
        _matcher = matcher;
        _rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < gazetteer.Places.Count; i++)
        {
            _rank.TryAdd(gazetteer.Places[i].Id, i);
        }
    }

    public DigestFilterMatcher Matcher => _matcher;

    /// <summary>The digest of <paramref name="events"/> (any events: those outside the filter are left out) for one request.</summary>
    public DigestDocument Build(DigestRequest request, IReadOnlyList<DigestEvent> events)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(events);
        var fresh = new List<Entry>();
        var corrected = new List<DigestEvent>();
        var retracted = new List<DigestEvent>();
        foreach (var e in events)
        {
            if (!_matcher.Matches(request.Filter, e))
            {
                continue;
            }

            switch (e.Change)
            {
                case DigestChange.New:
                    var place = PrimaryPlace(e);
                    var group = GroupOf(place);
                    fresh.Add(new Entry(e, place, group, Rank(group?.Id ?? string.Empty), Rank(place?.Id ?? string.Empty)));
                    break;
                case DigestChange.Corrected:
                    corrected.Add(e);
                    break;
                default:
                    retracted.Add(e);
                    break;
            }
        }

        corrected.Sort(ByTime);
        retracted.Sort(ByTime);
        var blocks = new List<DigestPart>(fresh.Count + corrected.Count + retracted.Count + 16);
        var order = new List<DigestEvent>(fresh.Count + corrected.Count + retracted.Count);
        if (fresh.Count + corrected.Count + retracted.Count == 0)
        {
            if (request.WhenEmpty == EmptyDigest.NoIncidentsLine)
            {
                blocks.Add(new(new DigestBlock(EmptyLine(request), null), null));
            }

            return new DigestDocument(request, order, blocks, 0, 0, 0);
        }

        blocks.Add(new(new DigestBlock(Header(request), null), null));
        if (fresh.Count > 0)
        {
            blocks.Add(new(new DigestBlock(Totals(request.Language, fresh.Select(f => f.Event)), null), null));
        }

        // Districts in the gazetteer's order; in each, places in the order of their first event; in each place, by time.
        var firstAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var f in fresh)
        {
            var key = f.Place?.Id ?? string.Empty;
            if (!firstAt.TryGetValue(key, out var known) || f.Event.OccurredAt < known)
            {
                firstAt[key] = f.Event.OccurredAt;
            }
        }

        foreach (var f in fresh)
        {
            f.PlaceFirstAt = firstAt[f.Place?.Id ?? string.Empty];
        }

        fresh.Sort(static (a, b) =>
        {
            var c = a.GroupRank.CompareTo(b.GroupRank);
            c = c != 0 ? c : string.CompareOrdinal(a.Group?.Id, b.Group?.Id);
            c = c != 0 ? c : a.PlaceFirstAt.CompareTo(b.PlaceFirstAt);
            c = c != 0 ? c : a.PlaceRank.CompareTo(b.PlaceRank);
            c = c != 0 ? c : string.CompareOrdinal(a.Place?.Id, b.Place?.Id);
            return c != 0 ? c : ByTime(a.Event, b.Event);
        });

        var now = request.Period.To;
        Entry? previous = null;
        DigestBlock? continued = null;
        foreach (var f in fresh)
        {
            var newGroup = previous is null || !ReferenceEquals(previous.Group, f.Group);
            if (newGroup)
            {
                blocks.Add(new(Heading(f.Group, request.Language, group: true), null));
            }

            if (newGroup || !ReferenceEquals(previous!.Place, f.Place))
            {
                var groupContinued = ContinuedHeading(f.Group, null, request.Language);
                continued = groupContinued;
                if (f.Place is not null && !ReferenceEquals(f.Place, f.Group))
                {
                    // A message that starts with the place's heading says which district it continues.
                    blocks.Add(new(Heading(f.Place, request.Language, group: false), groupContinued));
                    continued = ContinuedHeading(f.Group, f.Place, request.Language);
                }
            }

            blocks.Add(new(Item(f.Event, request.Language, request.Zone, now, withPlace: false), continued));
            order.Add(f.Event);
            previous = f;
        }

        AddSection(blocks, order, corrected, request, now,
            new("✏️ تصحيحات منذ الملخص السابق", "✏️ Corrected since the last digest"));
        AddSection(blocks, order, retracted, request, now,
            new("❌ سُحبت منذ الملخص السابق: تبيّن أنها غير دقيقة", "❌ Retracted since the last digest: found to be wrong"));
        return new DigestDocument(request, order, blocks, fresh.Count, corrected.Count, retracted.Count);
    }

    private void AddSection(List<DigestPart> blocks, List<DigestEvent> order, List<DigestEvent> events, DigestRequest request, DateTimeOffset now, Bilingual title)
    {
        if (events.Count == 0)
        {
            return;
        }

        var (heading, continued) = _sections.GetOrAdd((title.En, request.Language), k =>
        {
            var h = new DigestBlock(Lines(k.Language, arabic => [new RichLine([new Segment(arabic ? title.Ar : title.En, Bold: true)], arabic)]), null, spaceBefore: true, isHeading: true);
            return (h, new DigestBlock(Continued(k.Language, h.Text), null));
        });
        blocks.Add(new(heading, null));
        foreach (var e in events)
        {
            blocks.Add(new(Item(e, request.Language, request.Zone, now, withPlace: true), continued));
            order.Add(e);
        }
    }

    /// <summary>The event's lines, rendered once per language, zone and period end for this event instance.</summary>
    private DigestBlock Item(DigestEvent e, ChatLanguage language, TimeZoneInfo zone, DateTimeOffset now, bool withPlace)
    {
        var cache = _items.GetValue(e, static _ => new ConcurrentDictionary<ItemKey, DigestBlock>());
        return cache.GetOrAdd(
            new ItemKey(language, zone.Id, now, withPlace),
            static (k, state) => new DigestBlock(
                Lines(k.Language, arabic => state.Builder.ItemLines(state.Event, arabic, state.Zone, k.Now, k.WithPlace)), state.Event.EventId),
            (Builder: this, Event: e, Zone: zone));
    }

    private List<RichLine> ItemLines(DigestEvent e, bool arabic, TimeZoneInfo zone, DateTimeOffset now, bool withPlace)
    {
        var sep = arabic ? "، " : ", ";
        var types = e.EventTypes.Select(EventTypes.Find).OfType<EventType>().Select(t => arabic ? t.NameAr : t.NameEn).ToList();
        var title = types.Count > 0 ? string.Join(sep, types) : arabic ? "حادثة" : "Incident";
        var when = $"{AlertRenderer.RelativeTime(e.OccurredAt, now, arabic)} ({Clock(e.OccurredAt, zone, now)})";

        var first = new List<Segment> { new(Bullet), new(title, Bold: true) };
        if (withPlace)
        {
            first.Add(new(" — " + _renderer.PlacesText(e.PlaceIds, arabic)));
        }

        first.Add(new(" · " + when));
        var lines = new List<RichLine> { new(first, arabic) };

        var details = new List<string>();
        if (!withPlace && e.PlaceIds.Count > 1)
        {
            var others = e.PlaceIds.Skip(1).Select(_gazetteer.Find).OfType<Place>().Select(p => arabic ? AlertRenderer.ArabicName(p) : p.NameEn).ToList();
            if (others.Count > 0)
            {
                details.Add((arabic ? "وأيضًا: " : "also: ") + string.Join(sep, others));
            }
        }

        var (roles, actors) = ActorRoleText.Describe(e.ActorIds, e.ActorRoles, e.EventTypes, arabic);
        foreach (var role in roles)
        {
            details.Add((arabic ? role.Label : role.Label.ToLowerInvariant()) + ": " + string.Join(sep, role.Names));
        }

        if (actors.Count > 0)
        {
            details.Add((arabic ? "الأطراف: " : "actors: ") + string.Join(sep, actors));
        }

        var counts = AlertRenderer.OrderedCounts(e.Counts).Select(c => arabic ? AlertRenderer.ArabicCount(c.Key, c.Value) : AlertRenderer.EnglishCount(c.Key, c.Value)).ToList();
        if (counts.Count > 0)
        {
            details.Add((arabic ? "الأعداد: " : "counts: ") + string.Join(sep, counts));
        }

        var sources = Math.Max(1, e.IndependentSources);
        details.Add(arabic
            ? "المصادر المستقلة: " + AlertRenderer.ArabicCount("outlets", sources)
            : sources == 1 ? "1 independent source" : $"{sources.ToString(CultureInfo.InvariantCulture)} independent sources");
        lines.Add(new RichLine([new Segment("    " + string.Join(" · ", details))], arabic));
        return lines;
    }

    /// <summary>A district (or governorate, for a place outside any district) or a place, as a heading.</summary>
    private DigestBlock Heading(Place? place, ChatLanguage language, bool group) =>
        _headings.GetOrAdd((place?.Id ?? string.Empty, language, group), static (k, place) => new DigestBlock(
            Lines(k.Language, arabic =>
            {
                var name = place is null
                    ? arabic ? "موقع غير محدد" : "Place not given"
                    : arabic ? AlertRenderer.ArabicName(place) : place.NameEn;
                return [new RichLine([new Segment(k.Group ? "🗺️ " : "📍 "), new Segment(name, Bold: k.Group)], arabic)];
            }),
            null, spaceBefore: k.Group, isHeading: true), place);

    /// <summary>"District › place (continued)": what a message that starts inside a place's events begins with.</summary>
    private DigestBlock ContinuedHeading(Place? group, Place? place, ChatLanguage language) =>
        _continued.GetOrAdd((group?.Id ?? string.Empty, place?.Id, language), static (k, state) => new DigestBlock(
            state.Place is null
                ? Continued(k.Language, state.Builder.Heading(state.Group, k.Language, group: true).Text)
                : Continued(k.Language, state.Builder.Heading(state.Group, k.Language, group: true).Text, state.Builder.Heading(state.Place, k.Language, group: false).Text),
            null), (Builder: this, Group: group, Place: place));

    private static RichText Continued(ChatLanguage language, params RichText[] headings) =>
        Lines(language, arabic =>
        {
            var segments = new List<Segment>();
            foreach (var heading in headings)
            {
                if (segments.Count > 0)
                {
                    // U+203A is mirrored in a right-to-left line, so it points the way each language reads.
                    segments.Add(new Segment(" › "));
                }

                segments.AddRange(heading.Lines.Where(l => l.RightToLeft == arabic).SelectMany(l => l.Segments).Select(s => s with { Bold = false }));
            }

            segments.Add(new Segment(arabic ? " (تابع)" : " (continued)"));
            return [new RichLine(segments, arabic)];
        });

    private RichText Header(DigestRequest request) =>
        Lines(request.Language, arabic =>
        {
            var lines = new List<RichLine>
            {
                new([new Segment(arabic ? "🗞️ ملخص الحوادث المؤكدة" : "🗞️ Digest of confirmed incidents", Bold: true)], arabic),
                new([new Segment((arabic ? "الفترة: " : "Period: ") + PeriodText(request, arabic))], arabic),
            };
            if (FilterText(request.Filter, arabic) is { } filter)
            {
                lines.Add(new([new Segment((arabic ? "التغطية: " : "Covering: ") + filter)], arabic));
            }

            return lines;
        });

    private static RichText Totals(ChatLanguage language, IEnumerable<DigestEvent> events)
    {
        var byType = events.GroupBy(e => e.EventTypes.Count > 0 ? e.EventTypes[0] : string.Empty, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Count: g.Count()))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => TypeRank(t.Type))
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToList();
        var total = byType.Sum(t => t.Count).ToString(CultureInfo.InvariantCulture);
        return Lines(language, arabic =>
        {
            var parts = byType.Select(t =>
            {
                var name = EventTypes.Find(t.Type) is { } type ? arabic ? type.NameAr : type.NameEn : arabic ? "أخرى" : "Other";
                return $"{name}: {t.Count.ToString(CultureInfo.InvariantCulture)}";
            });
            return
            [
                new RichLine([new Segment((arabic ? "عدد الحوادث: " : "Incidents: ") + total, Bold: true), new Segment(" — " + string.Join(arabic ? "، " : ", ", parts))], arabic),
            ];
        });
    }

    private static RichText EmptyLine(DigestRequest request) =>
        Lines(request.Language, arabic => [new RichLine([new Segment(arabic
            ? $"لا حوادث مؤكدة في هذه الفترة ({PeriodText(request, arabic: true)})."
            : $"No confirmed incidents ({PeriodText(request, arabic: false)}).")], arabic)]);

    private static string PeriodText(DigestRequest request, bool arabic)
    {
        var from = TimeZoneInfo.ConvertTime(request.Period.From, request.Zone);
        var to = TimeZoneInfo.ConvertTime(request.Period.To, request.Zone);
        var start = from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var end = to.ToString(from.Date == to.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var zone = ZoneNames.Of(request.Zone);
        return arabic ? $"{start} – {end} {zone.Ar}" : $"{start} – {end}, {zone.En}";
    }

    private string? FilterText(DigestFilter filter, bool arabic)
    {
        var sep = arabic ? "، " : ", ";
        var parts = new List<string>();
        var places = filter.PlaceIds.Select(_gazetteer.Find).OfType<Place>().Select(p => arabic ? AlertRenderer.ArabicName(p) : p.NameEn).ToList();
        if (places.Count > 0)
        {
            parts.Add(string.Join(sep, places));
        }

        var types = filter.EventTypes.Select(EventTypes.Find).OfType<EventType>().Select(t => arabic ? t.NameAr : t.NameEn).ToList();
        if (types.Count > 0)
        {
            parts.Add(string.Join(sep, types));
        }

        var actors = filter.ActorIds.Select(ActorTaxonomy.Find).OfType<Actor>().Select(a => arabic ? a.NameAr : a.NameEn).ToList();
        if (actors.Count > 0)
        {
            parts.Add(string.Join(sep, actors));
        }

        return parts.Count > 0 ? string.Join(" · ", parts) : null;
    }

    /// <summary>The clock time in the reader's zone; with the date when it is not the day the period ends.</summary>
    private static string Clock(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var end = TimeZoneInfo.ConvertTime(now, zone);
        return local.ToString(local.Date == end.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Arabic lines first, then English; one language alone when the reader chose it.</summary>
    private static RichText Lines(ChatLanguage language, Func<bool, List<RichLine>> lines) => language switch
    {
        ChatLanguage.Ar => new RichText(lines(true)),
        ChatLanguage.En => new RichText(lines(false)),
        _ => new RichText([.. lines(true), .. lines(false)]),
    };

    private Place? PrimaryPlace(DigestEvent e)
    {
        foreach (var id in e.PlaceIds)
        {
            if (_gazetteer.Find(id) is { } place)
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>The district a place lies in (or is); outside every district, its governorate, then its country.</summary>
    private Place? GroupOf(Place? place) =>
        place is null
            ? null
            : _groupOf.GetOrAdd(place.Id, _ =>
            {
                Place[] chain = [place, .. _gazetteer.AncestorsOf(place.Id)];
                return chain.FirstOrDefault(p => p.Kind == "district")
                    ?? chain.FirstOrDefault(p => p.Kind == "governorate")
                    ?? chain.FirstOrDefault(p => p.Kind is "country" or "region")
                    ?? place;
            });

    private int Rank(string placeId) => placeId.Length == 0 ? int.MaxValue : _rank.GetValueOrDefault(placeId, int.MaxValue - 1);

    private static int TypeRank(string type)
    {
        for (var i = 0; i < EventTypes.All.Count; i++)
        {
            if (EventTypes.All[i].Id == type)
            {
                return i;
            }
        }

        return EventTypes.All.Count;
    }

    private static int ByTime(DigestEvent a, DigestEvent b)
    {
        var c = a.OccurredAt.CompareTo(b.OccurredAt);
        return c != 0 ? c : a.EventId.CompareTo(b.EventId);
    }

    private sealed record Entry(DigestEvent Event, Place? Place, Place? Group, int GroupRank, int PlaceRank)
    {
        /// <summary>When the first event of the entry's place happened (places are ordered by it).</summary>
        public DateTimeOffset PlaceFirstAt { get; set; }
    }

    private readonly record struct ItemKey(ChatLanguage Language, string Zone, DateTimeOffset Now, bool WithPlace);
}
