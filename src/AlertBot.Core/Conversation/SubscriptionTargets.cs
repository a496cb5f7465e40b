using AlertBot.Core.Rendering;
using AlertBot.Core.Routing;
using AlertBot.Extraction;

namespace AlertBot.Core.Conversation;

/// <summary>What a typed name resolved to: the chosen target, the other places of that name, or near misses to offer.</summary>
public sealed record TargetResolution(SubscriptionTarget? Chosen, IReadOnlyList<SubscriptionTarget> Alternatives, IReadOnlyList<SubscriptionTarget> Suggestions);

/// <summary>
/// Turns typed names into subscription targets (places, actors, event types) and targets back into bilingual names.
/// Platform-neutral and stateless apart from the gazetteer.
/// </summary>
public sealed class SubscriptionTargets(Gazetteer gazetteer)
{
    /// <summary>Longest name worth looking up; the longest gazetteer or actor name is far shorter.</summary>
    public const int MaxNameLength = 120;

    private const int MaxOffered = 5;

    public Gazetteer Gazetteer => gazetteer;

    /// <summary>
    /// Exact place names first (primary names over aliases, then a settlement over a site over an area), then actors,
    /// then event types; when nothing fits exactly, near misses come back as suggestions.
    /// </summary>
    public TargetResolution Resolve(string typedName)
    {
        var key = Gazetteer.NameKey(typedName);
        if (key.Length == 0)
        {
            return new TargetResolution(null, [], []);
        }

        var places = gazetteer.Lookup(typedName);
        var exact = places.Where(p => NamesOf(p).Any(n => Gazetteer.NameKey(n) == key)).ToList();
        if (exact.Count > 0)
        {
            var primary = exact.Where(p => Gazetteer.NameKey(p.NameAr) == key || Gazetteer.NameKey(p.NameEn) == key).ToList();
            var chosen = (primary.Count > 0 ? primary : exact).OrderBy(PreferenceRank).First();
            var others = exact.Where(p => p != chosen).OrderBy(PreferenceRank).Take(MaxOffered).Select(PlaceTarget).ToList();
            return new TargetResolution(PlaceTarget(chosen), others, []);
        }

        var actors = ActorTaxonomy.Lookup(typedName);
        if (actors.Count > 0)
        {
            return new TargetResolution(ActorTarget(actors[0]), actors.Skip(1).Take(MaxOffered).Select(ActorTarget).ToList(), []);
        }

        var type = EventTypes.All.FirstOrDefault(t =>
            t.Id == typedName.Trim() || Gazetteer.NameKey(t.NameEn) == key || Gazetteer.NameKey(t.NameAr) == key);
        if (type is not null)
        {
            return new TargetResolution(new SubscriptionTarget(null, null, type.Id), [], []);
        }

        return new TargetResolution(null, [], places.Take(MaxOffered).Select(PlaceTarget).ToList());
    }

    /// <summary>Every target a name could mean (for /unsubscribe): the chosen one first, then the alternatives.</summary>
    public IReadOnlyList<SubscriptionTarget> Candidates(string typedName)
    {
        var resolution = Resolve(typedName);
        return resolution.Chosen is null ? [] : [resolution.Chosen, .. resolution.Alternatives];
    }

    public bool IsKnown(SubscriptionTarget target) =>
        !target.IsEmpty
        && (target.PlaceId is null || gazetteer.Find(target.PlaceId) is not null)
        && (target.ActorId is null || ActorTaxonomy.Find(target.ActorId) is not null)
        && (target.EventType is null || EventTypes.All.Any(t => t.Id == target.EventType));

    /// <summary>"al-Mayadin (city, Mayadin District)"; an actor group says it includes its members.</summary>
    public Bilingual Describe(SubscriptionTarget target)
    {
        var parts = new List<Bilingual>();
        if (target.PlaceId is not null)
        {
            parts.Add(gazetteer.Find(target.PlaceId) is { } place ? DescribePlace(place) : new Bilingual(target.PlaceId, target.PlaceId));
        }

        if (target.ActorId is not null)
        {
            parts.Add(ActorTaxonomy.Find(target.ActorId) is { } actor ? DescribeActor(actor) : new Bilingual(target.ActorId, target.ActorId));
        }

        if (target.EventType is not null)
        {
            parts.Add(EventTypes.All.FirstOrDefault(t => t.Id == target.EventType) is { } type
                ? new Bilingual(type.NameAr, type.NameEn)
                : new Bilingual(target.EventType, target.EventType));
        }

        return new Bilingual(string.Join("، ", parts.Select(p => p.Ar)), string.Join(", ", parts.Select(p => p.En)));
    }

    /// <summary>Short name for a button: the place, actor or type name alone.</summary>
    public Bilingual ShortName(SubscriptionTarget target)
    {
        if (target.PlaceId is not null && gazetteer.Find(target.PlaceId) is { } place)
        {
            return new Bilingual(place.NameAr, place.NameEn);
        }

        if (target.ActorId is not null && ActorTaxonomy.Find(target.ActorId) is { } actor)
        {
            return new Bilingual(actor.NameAr, actor.NameEn);
        }

        return Describe(target);
    }

    public Bilingual DescribePlace(Place place)
    {
        var kind = KindName(place.Kind);
        var parent = DisplayParent(place);
        return parent is null
            ? new Bilingual($"{place.NameAr} ({kind.Ar})", $"{place.NameEn} ({kind.En})")
            : new Bilingual($"{place.NameAr} ({kind.Ar}، {ArabicAreaName(parent)})", $"{place.NameEn} ({kind.En}, {parent.NameEn})");
    }

    public static Bilingual DescribeActor(Actor actor) =>
        ActorTaxonomy.MembersOf(actor.Id).Any()
            ? new Bilingual($"{actor.NameAr} (مع كل فصائلها)", $"{actor.NameEn} (with all its members)")
            : new Bilingual(actor.NameAr, actor.NameEn);

    /// <summary>The district or governorate a place lies in (subdistricts mostly repeat their town's name), else its parent.</summary>
    public Place? DisplayParent(Place place)
    {
        var ancestors = gazetteer.AncestorsOf(place.Id).Where(a => a.Kind is not ("country" or "region")).ToList();
        return ancestors.FirstOrDefault(a => a.Kind is "district" or "governorate") ?? ancestors.FirstOrDefault();
    }

    /// <summary>Places directly below <paramref name="placeId"/>: areas first, then settlements, then sites; by name.</summary>
    public IReadOnlyList<Place> ChildrenOf(string placeId) =>
        gazetteer.Places.Where(p => p.ParentId == placeId)
            .OrderBy(p => p.IsAdministrative ? 0 : IsSettlement(p) ? 1 : 2)
            .ThenBy(p => p.NameEn, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public bool HasChildren(string placeId) => gazetteer.Places.Any(p => p.ParentId == placeId);

    public static Bilingual KindName(string kind) => kind switch
    {
        "city" => new("مدينة", "city"),
        "town" => new("بلدة", "town"),
        "village" => new("قرية", "village"),
        "neighbourhood" => new("حي", "neighbourhood"),
        "governorate" => new("محافظة", "governorate"),
        "district" => new("منطقة", "district"),
        "subdistrict" => new("ناحية", "subdistrict"),
        "base" => new("قاعدة", "base"),
        "oil_field" => new("حقل نفط", "oil field"),
        "gas_field" => new("حقل غاز", "gas field"),
        "airport" => new("مطار", "airport"),
        "border_crossing" => new("معبر حدودي", "border crossing"),
        "camp" => new("مخيم", "camp"),
        "landmark" => new("معلم", "landmark"),
        "desert_area" => new("بادية", "desert area"),
        "country" => new("دولة", "country"),
        "region" => new("إقليم", "region"),
        _ => new("موقع", "place"),
    };

    public static SubscriptionTarget PlaceTarget(Place place) => new(place.Id, null, null);

    public static SubscriptionTarget ActorTarget(Actor actor) => new(null, actor.Id, null);

    private static bool IsSettlement(Place p) => p.Kind is "city" or "town" or "village";

    /// <summary>A settlement first, then other sites (bases, fields), then the smallest area.</summary>
    private static int PreferenceRank(Place p) => p.Kind switch
    {
        "city" => 0,
        "town" => 1,
        "village" => 2,
        "subdistrict" => 5,
        "district" => 6,
        "governorate" => 7,
        "country" or "region" => 8,
        _ => 3,
    };

    /// <summary>"منطقة الميادين": Arabic area names in the gazetteer lack the word for their kind.</summary>
    private static string ArabicAreaName(Place area)
    {
        if (!area.IsAdministrative)
        {
            return area.NameAr;
        }

        var kind = KindName(area.Kind).Ar;
        return area.NameAr.StartsWith(kind, StringComparison.Ordinal) ? area.NameAr : $"{kind} {area.NameAr}";
    }

    private static IEnumerable<string> NamesOf(Place p) => [p.NameAr, .. p.AliasesAr, p.NameEn, .. p.AliasesEn];
}
