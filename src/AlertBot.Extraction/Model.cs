namespace AlertBot.Extraction;

/// <summary>Which part of a report a span points into.</summary>
public enum TextPart : byte
{
    /// <summary>The report's body text.</summary>
    Body,
    /// <summary>The report's title.</summary>
    Title,
}

/// <summary>A stretch of the ORIGINAL title or body text (UTF-16 offsets) that a field was read from.</summary>
public readonly record struct TextSpan(TextPart Part, int Start, int Length);

/// <summary>A report to read. <paramref name="Language"/> is "ar" or "en" when known; otherwise it is detected.</summary>
public sealed record ReportText(string? Title, string Text, string? Language, DateTimeOffset? PublishedAt);

/// <summary>A gazetteer place. Ids are stable (OCHA p-codes, ES###, AB###, IRAQ*).</summary>
public sealed record Place(
    string Id,
    string NameEn,
    string NameAr,
    string Kind,
    string? ParentId,
    double? Lat,
    double? Lon,
    IReadOnlyList<string> AliasesAr,
    IReadOnlyList<string> AliasesEn)
{
    /// <summary>Administrative units (country, region, governorate, district, subdistrict) as opposed to sites.</summary>
    public bool IsAdministrative => Kind is "country" or "region" or "governorate" or "district" or "subdistrict";
}

/// <summary>An extracted event type with the spans that triggered it.</summary>
public sealed record EventTypeHit(EventType Type, IReadOnlyList<TextSpan> Spans);

/// <summary>An extracted incident place with the spans of its mentions.</summary>
public sealed record PlaceHit(Place Place, IReadOnlyList<TextSpan> Spans);

/// <summary>
/// An extracted actor with the spans of its mentions (empty when implied by a member group), and its role in the
/// incident when a clause shows it (null: the report does not say).
/// </summary>
public sealed record ActorHit(Actor Actor, IReadOnlyList<TextSpan> Spans, ActorRole? Role = null);

/// <summary>A count (rockets, drones, strikes, killed, wounded) with the span of the number and its noun.</summary>
public sealed record CountHit(string Key, int Value, IReadOnlyList<TextSpan> Spans);

/// <summary>What the extractor read from one report. Every field keeps the spans it came from.</summary>
public sealed record Extraction(
    bool Relevant,
    string? IrrelevantReason,
    string Language,
    IReadOnlyList<EventTypeHit> EventTypes,
    IReadOnlyList<PlaceHit> Places,
    IReadOnlyList<ActorHit> Actors,
    IReadOnlyList<CountHit> Counts,
    DateOnly? EventDate,
    IReadOnlyList<TextSpan> EventDateSpans,
    IReadOnlyList<TextSpan> RelevanceSpans)
{
    /// <summary>Event type ids (main one first).</summary>
    public IEnumerable<string> EventTypeIds => EventTypes.Select(e => e.Type.Id);

    /// <summary>Gazetteer ids of the incident places.</summary>
    public IEnumerable<string> PlaceIds => Places.Select(p => p.Place.Id);

    /// <summary>Actor ids.</summary>
    public IEnumerable<string> ActorIds => Actors.Select(a => a.Actor.Id);

    /// <summary>Role by actor id, for the actors whose role a clause shows.</summary>
    public IReadOnlyDictionary<string, string> ActorRoles =>
        Actors.Where(a => a.Role is not null).ToDictionary(a => a.Actor.Id, a => ActorRoleIds.Of(a.Role!.Value), StringComparer.Ordinal);

    /// <summary>Count value by key, or null.</summary>
    public int? Count(string key) => Counts.FirstOrDefault(c => c.Key == key)?.Value;
}
