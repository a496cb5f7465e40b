using System.Text.Json;

namespace AlertBot.Core.Events;

/// <summary>What the audit log keeps of an event before and after an action.</summary>
public sealed record EventSnapshot(
    string Status,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> PlaceIds,
    IReadOnlyList<string> ActorIds,
    IReadOnlyDictionary<string, int> Counts,
    string? NoteAr,
    string? NoteEn,
    IReadOnlyList<string> Confirmations,
    int SourceCount,
    long? MergedIntoId,
    string? ClaimedBy,
    IReadOnlyDictionary<string, string>? ActorRoles = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static EventSnapshot Of(Event e) => new(
        e.Status.ToString(), [.. e.EventTypes], [.. e.PlaceIds], [.. e.ActorIds], new Dictionary<string, int>(e.Counts),
        e.NoteAr, e.NoteEn, [.. e.Confirmations], e.SourceCount, e.MergedIntoId, e.ClaimedBy, new Dictionary<string, string>(e.ActorRoles));

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static EventSnapshot? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<EventSnapshot>(json, Options);
}
