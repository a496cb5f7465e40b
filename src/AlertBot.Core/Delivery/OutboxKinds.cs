namespace AlertBot.Core.Delivery;

/// <summary>
/// What an outbox row delivers. Each kind has one <see cref="IOutboxComposer"/>, and its subject is the id of what the
/// kind is about: the event for <see cref="Alert"/> and <see cref="Update"/>, the routing task (one moderation action)
/// for <see cref="Notice"/>, the digest run (one setting and period) for <see cref="Digest"/>.
/// </summary>
public static class OutboxKinds
{
    /// <summary>The first message about an event to a recipient.</summary>
    public const string Alert = "alert";

    /// <summary>Edit the messages already sent about an event (changed, retracted, merged) to show it as it is now.</summary>
    public const string Update = "update";

    /// <summary>
    /// A short new message, replying to an alert, that says the event was retracted or its type or place corrected:
    /// an edit notifies nobody, this does. Subject: the routing task of the moderation action.
    /// </summary>
    public const string Notice = "notice";

    /// <summary>A scheduled digest of one setting and period. Subject: the digest run.</summary>
    public const string Digest = "digest";
}
