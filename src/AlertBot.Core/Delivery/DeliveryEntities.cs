using AlertBot.Core.Storage;

namespace AlertBot.Core.Delivery;

public static class OutboxKinds
{
    /// <summary>The first message about an event to a recipient.</summary>
    public const string Alert = "alert";

    /// <summary>Edit the messages already sent about an event (changed, retracted, merged) to show it as it is now.</summary>
    public const string Update = "update";
}

public enum OutboxState
{
    Pending = 0,
    Sent = 1,

    /// <summary>Will never be sent: a permanent failure or attempts used up; <see cref="OutboxItem.LastError"/> says why.</summary>
    Dead = 2,

    /// <summary>Not sent on purpose (the event was retracted before delivery, the chat paused); the reason is kept.</summary>
    Cancelled = 3,
}

/// <summary>
/// One message owed to one recipient about one event: unique per (recipient, event, kind), so routing twice never
/// sends twice. It is rendered when it is sent, from the event as it is then.
/// </summary>
public sealed class OutboxItem
{
    public long Id { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }
    public long EventId { get; set; }
    public required string Kind { get; set; }
    public OutboxState State { get; set; }

    /// <summary>Not to be sent before this time (backoff, retry_after, quiet hours).</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The process holding the row, until <see cref="LeaseUntil"/>; an expired lease is free to take.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Bumped when an update row is asked for again while in flight, so the newer change is not lost.</summary>
    public int Generation { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The message registry: which platform messages carry an event's alert in a chat, so they can be edited.</summary>
public sealed class SentMessage
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }

    /// <summary>0 for the first message; a long alert split over several messages has parts 0, 1, …</summary>
    public int Part { get; set; }
    public required string MessageId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}
