using AlertBot.Core.Storage;

namespace AlertBot.Core.Routing;

/// <summary>
/// A chat's wish to hear of events: by place (with everything below it), actor (a group includes its members) and
/// event type. Null means "any"; at least one of the three is set.
/// </summary>
public sealed class Subscription
{
    public long Id { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }
    public string? PlaceId { get; set; }
    public string? ActorId { get; set; }
    public string? EventType { get; set; }
    public DeliveryMode Mode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public SubscriptionEntry ToEntry() => new(Id, RecipientId, PlaceId, ActorId, EventType, Mode);
}

/// <summary>
/// "This subscription changed" (added, removed, or its recipient paused, resumed, deactivated or forgotten). Every
/// process's in-memory index replays these rows to stay in step with the others; they are written in the same
/// transaction as the change.
/// </summary>
public sealed class SubscriptionChange
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public long RecipientId { get; set; }
    public DateTimeOffset At { get; set; }
}

public static class RoutingReasons
{
    /// <summary>The event was confirmed: route it to its subscribers.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>A confirmed event changed: edit what was sent, and alert subscribers it now matches.</summary>
    public const string Changed = "changed";

    /// <summary>A confirmed event was retracted: mark what was sent, cancel what was not.</summary>
    public const string Retracted = "retracted";

    /// <summary>A confirmed event was merged into another: its sent alerts now show the other event.</summary>
    public const string Merged = "merged";
}

/// <summary>
/// Work for the router, written in the same transaction as the moderation action that caused it, so that a crash
/// between "confirmed" and "routed" loses nothing. Routing is idempotent: a task run twice adds no outbox row twice.
/// </summary>
public sealed class RoutingTask
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public int Routed { get; set; }
}
