using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Delivery;

/// <summary>
/// One kind of outbox row (<see cref="OutboxKinds"/>): loads the subjects of a batch of rows and says, row by row, what
/// to send. The dispatcher does the rest the same way for every kind: claims and leases, quiet hours, the platform's
/// gate, the message registry, failures, retries and dead letters.
/// </summary>
public interface IOutboxComposer
{
    /// <summary>The <see cref="OutboxItem.Kind"/> this composer handles.</summary>
    string Kind { get; }

    /// <summary>Whose messages rows of this kind send or edit, in the registry (an update edits the alert's).</summary>
    string RegistryKind { get; }

    /// <summary>What quiet hours do to rows of this kind.</summary>
    QuietRule Quiet { get; }

    /// <summary>A chat that paused its alerts gets no rows of this kind (they are cancelled).</summary>
    bool CancelledWhenPaused { get; }

    /// <summary>Loads what the rows are about, once for the batch.</summary>
    Task<IOutboxBatch> LoadAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, CancellationToken ct);
}

/// <summary>The subjects of one batch of rows of one kind, loaded by its <see cref="IOutboxComposer"/>.</summary>
public interface IOutboxBatch
{
    /// <summary>What to do with one row for its recipient now.</summary>
    /// <param name="registry">The messages this recipient already has for the row's subject (<see cref="IOutboxComposer.RegistryKind"/>), by part.</param>
    Composition Compose(OutboxItem row, Recipient recipient, IChatPlatform platform, IReadOnlyList<SentMessage> registry, DateTimeOffset now);
}

/// <summary>One message of a <see cref="Composition.Send"/>: its text (the caption when it carries an image) and its image.</summary>
public sealed record OutgoingPiece(string Text, ChatImage? Image);

public enum QuietRule
{
    /// <summary>As the recipient chose for its quiet hours: held until they end, or sent without a sound (a new alert).</summary>
    Hold,

    /// <summary>Sent at once, without a sound during quiet hours (a scheduled digest: the admin chose its time).</summary>
    Silence,

    /// <summary>Sent at once and always without a sound (an edit notifies nobody anyway).</summary>
    AlwaysSilent,
}

/// <summary>A composer's answer for one row.</summary>
public abstract record Composition
{
    private Composition()
    {
    }

    /// <summary>Not to be sent, ever, for the reason given (the event was rejected before delivery).</summary>
    public sealed record Cancel(string Reason) : Composition;

    /// <summary>Not yet: look again at <paramref name="Due"/> (an update waiting for its alert to go out first).</summary>
    public sealed record Later(DateTimeOffset Due, string Reason) : Composition;

    /// <summary>
    /// Send these parts as new messages; or, with <see cref="Edit"/>, edit the registry's messages to show them (adding
    /// parts that are missing and deleting those no longer needed). Parts already in the registry of a new-message row
    /// were sent before a crash and are skipped.
    /// </summary>
    public sealed record Send(IReadOnlyList<string> Parts) : Composition
    {
        public bool Edit { get; init; }

        /// <summary>The first part replies to this platform message (a notice under its alert).</summary>
        public string? ReplyToMessageId { get; init; }

        /// <summary>When set, the delay from this moment to the first part's send is measured (confirmation to alert).</summary>
        public DateTimeOffset? MeasuredFrom { get; init; }

        /// <summary>
        /// An image sent with the parts where the platform takes images (a digest's map): with the first part as its
        /// caption when that part fits one, otherwise alone before the parts. Not for edits.
        /// </summary>
        public ChatImage? Image { get; init; }

        /// <summary>The messages to send, in order: the parts, with the image placed as the platform's capabilities allow.</summary>
        public IReadOnlyList<OutgoingPiece> PiecesFor(ChatCapabilities capabilities)
        {
            ArgumentNullException.ThrowIfNull(capabilities);
            var pieces = Parts.Select(p => new OutgoingPiece(p, null)).ToList();
            if (Image is null || Edit || capabilities.MaxCaptionLength == 0 || Image.Png.Length > capabilities.MaxImageBytes)
            {
                return pieces;
            }

            if (pieces.Count > 0 && pieces[0].Text.Length <= capabilities.MaxCaptionLength)
            {
                pieces[0] = pieces[0] with { Image = Image };
            }
            else
            {
                pieces.Insert(0, new OutgoingPiece(string.Empty, Image));
            }

            return pieces;
        }

        /// <summary>The structured event the parts were written from (an alert or its edit), handed to the platform with a one-part alert.</summary>
        public AlertView? Alert { get; init; }
    }
}
