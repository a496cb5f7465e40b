namespace AlertBot.Core.Events;

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

/// <summary>Why a routing task was made, which says what the router does with it.</summary>
public static class RoutingReasons
{
    /// <summary>The event was confirmed: route it to its subscribers.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>A confirmed event changed: edit what was sent, and alert subscribers it now matches.</summary>
    public const string Changed = "changed";

    /// <summary>
    /// A confirmed event's type or place was corrected: as <see cref="Changed"/>, and everyone who got the alert gets a
    /// short notice replying to it, since an edit notifies nobody.
    /// </summary>
    public const string Corrected = "corrected";

    /// <summary>A confirmed event was retracted: mark what was sent, cancel what was not, and notify who got it.</summary>
    public const string Retracted = "retracted";

    /// <summary>A confirmed event was merged into another: its sent alerts now show the other event.</summary>
    public const string Merged = "merged";
}

/// <summary>The routing tasks that a moderation action needs, to be saved in the same transaction as the action.</summary>
public static class RoutingTasks
{
    /// <summary>What to route after an event went from <paramref name="before"/> to its current state; null when nothing.</summary>
    /// <param name="typeOrPlaceChanged">The change corrected the event's type or place: its readers are told with a notice.</param>
    public static RoutingTask? For(EventStatus before, Event after, bool fieldsChanged, DateTimeOffset now, bool typeOrPlaceChanged = false)
    {
        var reason = (before, after.Status) switch
        {
            (not EventStatus.Confirmed, EventStatus.Confirmed) => RoutingReasons.Confirmed,
            (EventStatus.Confirmed, EventStatus.Confirmed) when typeOrPlaceChanged => RoutingReasons.Corrected,
            (EventStatus.Confirmed, EventStatus.Confirmed) when fieldsChanged => RoutingReasons.Changed,
            (EventStatus.Confirmed, EventStatus.Retracted) => RoutingReasons.Retracted,
            (EventStatus.Confirmed, EventStatus.Merged) => RoutingReasons.Merged,
            _ => null,
        };
        return reason is null ? null : new RoutingTask { EventId = after.Id, Reason = reason, CreatedAt = now };
    }
}
