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

