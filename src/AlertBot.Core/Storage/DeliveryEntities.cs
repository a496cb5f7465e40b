namespace AlertBot.Core.Storage;

/// <summary>Where an outbox row is in its life.</summary>
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
/// One message owed to one recipient: unique per (recipient, kind, subject), so routing twice never sends twice. It is
/// rendered when it is sent, by its kind's composer, from its subject as it is then.
/// </summary>
public sealed class OutboxItem
{
    public long Id { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }
    public required string Kind { get; set; }

    /// <summary>What the row is about, read by its kind (<c>OutboxKinds</c> in Delivery): an event, a routing task, a digest run.</summary>
    public long SubjectId { get; set; }
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

/// <summary>
/// The message registry: which platform messages carry a subject in a chat (an event's alert, a notice, a digest), so
/// that they can be edited, and so that a row sent again after a crash skips the parts that went out.
/// </summary>
public sealed class SentMessage
{
    public long Id { get; set; }

    /// <summary>The outbox kind that sent the messages (an update edits the messages of the <c>alert</c>).</summary>
    public required string Kind { get; set; }
    public long SubjectId { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }

    /// <summary>0 for the first message; a long alert split over several messages has parts 0, 1, …</summary>
    public int Part { get; set; }
    public required string MessageId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}
