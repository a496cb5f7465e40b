namespace AlertBot.Core.Events;

/// <summary>Where an event is in its life: only <see cref="Confirmed"/> events are ever broadcast.</summary>
public enum EventStatus
{
    Pending = 0,
    Confirmed = 1,
    Rejected = 2,
    Merged = 3,
    Retracted = 4,
}

/// <summary>A piece of text that a field was read from, for highlighting: <see cref="Part"/> is <c>title</c> or <c>body</c>.</summary>
public sealed record Highlight(string Part, int Start, int Length, string Kind, string Label);

/// <summary>One report as it arrived from a source, stored intact with what the extractor read from it.</summary>
public sealed class Report
{
    public long Id { get; set; }

    /// <summary>The outlet or source name; reports of one event from different outlets are independent sources.</summary>
    public required string Source { get; set; }
    public string? Url { get; set; }

    /// <summary>The URL normalised for de-duplication (unique).</summary>
    public string? UrlKey { get; set; }

    /// <summary>SHA-256 of the normalised text (unique): the same report posted twice is stored once.</summary>
    public required string ContentHash { get; set; }
    public string? Title { get; set; }
    public required string Text { get; set; }
    public required string Language { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string SubmittedBy { get; set; }

    /// <summary>The outlet's trust tier (1 = most trusted) when known.</summary>
    public int? Tier { get; set; }

    public bool Relevant { get; set; }
    public string? IrrelevantReason { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public List<string> PlaceIds { get; set; } = [];
    public List<string> ActorIds { get; set; } = [];

    /// <summary>Role by actor id (<c>attacker</c>, <c>target</c>, <c>moving</c>) where the report's clause shows it.</summary>
    public Dictionary<string, string> ActorRoles { get; set; } = [];
    public Dictionary<string, int> Counts { get; set; } = [];
    public DateOnly? EventDate { get; set; }
    public List<Highlight> Highlights { get; set; } = [];

    public long? EventId { get; set; }
    public Event? Event { get; set; }
}

/// <summary>An incident: the reports of it from every outlet, and the fields moderators confirm.</summary>
public sealed class Event
{
    public long Id { get; set; }
    public EventStatus Status { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public List<string> PlaceIds { get; set; } = [];
    public List<string> ActorIds { get; set; } = [];

    /// <summary>
    /// Role by actor id (<c>attacker</c>, <c>target</c>, <c>moving</c>; see <see cref="AlertBot.Extraction.ActorRoleIds"/>)
    /// as the reports show it or a moderator set it; an actor without an entry has no known role.
    /// </summary>
    public Dictionary<string, string> ActorRoles { get; set; } = [];
    public Dictionary<string, int> Counts { get; set; } = [];
    public DateOnly EventDate { get; set; }
    public string? NoteAr { get; set; }
    public string? NoteEn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset FirstReportAt { get; set; }
    public DateTimeOffset LastReportAt { get; set; }
    public int SourceCount { get; set; }

    /// <summary>How many different outlets reported it.</summary>
    public int OutletCount { get; set; }

    /// <summary>Moderators who confirmed so far (two are needed for the types under the two-moderator rule).</summary>
    public List<string> Confirmations { get; set; } = [];
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public long? MergedIntoId { get; set; }

    /// <summary>A decided event this one may be the same incident as (clustering opened it instead of adding to that one); moderators merge or keep it.</summary>
    public long? LinkedEventId { get; set; }

    /// <summary>Why it is linked: what it adds to the linked event, or that the linked one was retracted.</summary>
    public string? LinkReason { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Optimistic concurrency: every change increments it, and a save with a stale value fails.</summary>
    public int Version { get; set; }

    public List<Report> Reports { get; set; } = [];
}

/// <summary>One moderation action: who, what, when, and the event before and after (JSON snapshots).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public long? EventId { get; set; }
    public string? Detail { get; set; }

    /// <summary>For a report's placement (<c>place</c>): the clustering rule that put it there (<see cref="PlacementRules"/>).</summary>
    public string? Rule { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
