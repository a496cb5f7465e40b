using AlertBot.Core.Rendering;

namespace AlertBot.Core.Platforms;

/// <summary>
/// A button under a message. <see cref="Data"/> comes back in a <see cref="ButtonPress"/>; treat it as untrusted: the
/// conversation honours a press only for data issued on that message to that chat (<see cref="IssuedButtons"/>).
/// A button with <see cref="Url"/> opens a link instead and sends nothing back.
/// </summary>
public sealed record ChatButton(string Label, string Data)
{
    public Uri? Url { get; init; }
}

/// <summary>An image sent with a message (a digest's map): PNG bytes, the file name it travels under, and words for those who cannot see it.</summary>
public sealed record ChatImage(byte[] Png, string FileName, string AltText);

/// <summary>
/// A message the bot sends: text and rows of buttons. Plain text is escaped by the adapter; text with
/// <see cref="IsMarkup"/> was written with the adapter's own <see cref="IChatPlatform.Markup"/> and is sent as is.
/// </summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<IReadOnlyList<ChatButton>> Buttons)
{
    public OutgoingMessage(string text)
        : this(text, [])
    {
    }

    /// <summary>The text is in the platform's markup already (escaped by <see cref="PlatformMarkup"/>).</summary>
    public bool IsMarkup { get; init; }

    /// <summary>Deliver without a notification sound (quiet hours in silent mode).</summary>
    public bool Silent { get; init; }

    /// <summary>Shown to this user only (an ephemeral reply), on platforms whose capabilities allow it.</summary>
    public string? VisibleToUserId { get; init; }

    /// <summary>The platform message this one answers (a retraction notice under the alert), when the platform supports replies.</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary>
    /// An image the message carries; its <see cref="Text"/> is then the caption (possibly empty, at most
    /// <see cref="ChatCapabilities.MaxCaptionLength"/>). Only for platforms whose capabilities take images, and never on an edit.
    /// </summary>
    public ChatImage? Image { get; init; }

    /// <summary>
    /// The structured event an alert (or its edit) shows, when the whole alert is this one message: a platform that draws
    /// alerts as cards (Discord's embeds in channels) builds them from it; <see cref="Text"/> stays the alert as written.
    /// </summary>
    public AlertView? Alert { get; init; }
}

/// <summary>What a chat platform accepts in one message, and how long its messages stay editable and deletable.</summary>
public sealed record ChatCapabilities
{
    /// <summary>The longest text of one message, in characters as the platform counts them.</summary>
    public required int MaxTextLength { get; init; }

    /// <summary>Rows of buttons under one message.</summary>
    public required int MaxButtonRows { get; init; }

    public required int MaxButtonsPerRow { get; init; }

    /// <summary>UTF-8 bytes of one button's data (Telegram callback_data 1–64 bytes; Discord custom_id ≤ 100).</summary>
    public required int MaxButtonDataBytes { get; init; }

    /// <summary>Characters of one button label (Discord: 80; Telegram names no limit and shortens long labels on screen).</summary>
    public int MaxButtonLabelLength { get; init; } = 128;

    /// <summary>Button data must be unique within a message (Discord's custom_id).</summary>
    public bool UniqueButtonData { get; init; }

    /// <summary>Buttons that open a link.</summary>
    public bool UrlButtons { get; init; } = true;

    /// <summary>Replies shown to one member of a group only (Discord's ephemeral interaction responses).</summary>
    public bool EphemeralReplies { get; init; }

    /// <summary>The longest caption of a message that carries an image; 0 when the platform takes no images from the bot.</summary>
    public int MaxCaptionLength { get; init; }

    /// <summary>The largest image the platform takes, in bytes (Telegram: 10 MB for a photo; Discord: 10 MiB per upload).</summary>
    public int MaxImageBytes { get; init; }

    /// <summary>
    /// How many characters the platform counts for one character of a plain-text message once the adapter has written
    /// it (Discord's markdown escapes take two); 1 for every character when the adapter adds nothing. Plain text is
    /// split by this weight, so that no part grows past <see cref="MaxTextLength"/> on the wire.
    /// </summary>
    public Func<char, int> PlainTextWeight { get; init; } = static _ => 1;

    /// <summary>How long after sending the bot may still edit a message; null when there is no limit.</summary>
    public TimeSpan? EditableFor { get; init; }

    /// <summary>How long after sending the bot may still delete a message (a Telegram bot: 48 hours); null when there is no limit.</summary>
    public TimeSpan? DeletableFor { get; init; }

    /// <summary>Telegram's Bot API: 4,096 characters, callback_data of 64 bytes, photo captions of 1,024, deletions within 48 hours.</summary>
    public static ChatCapabilities Telegram { get; } = new()
    {
        MaxTextLength = 4096,
        MaxButtonRows = 100,
        MaxButtonsPerRow = 8,
        MaxButtonDataBytes = 64,
        MaxCaptionLength = 1024,
        MaxImageBytes = 10_000_000,
        DeletableFor = TimeSpan.FromHours(48),
    };

    /// <summary>Discord API v10: 2,000 characters, 5 action rows of 5 buttons, custom_id ≤ 100 and unique, labels ≤ 80.</summary>
    public static ChatCapabilities Discord { get; } = new()
    {
        MaxTextLength = 2000,
        MaxButtonRows = 5,
        MaxButtonsPerRow = 5,
        MaxButtonDataBytes = 100,
        MaxButtonLabelLength = 80,
        MaxCaptionLength = 2000,
        MaxImageBytes = 10 * 1024 * 1024,
        UniqueButtonData = true,
        EphemeralReplies = true,
    };
}

/// <summary>
/// How fast a platform lets a bot send, enforced before sending (Telegram: about 30 messages a second per bot, 1 a
/// second per chat, 20 a minute per group or channel).
/// </summary>
public sealed record PlatformLimits(int MessagesPerSecond, int ChatMessagesPerSecond, int GroupMessagesPerMinute)
{
    public static PlatformLimits Telegram { get; } = new(30, 1, 20);
}

public enum ChatKind
{
    Private = 0,
    Group = 1,
    Channel = 2,
}

/// <summary>
/// A chat as the platform names it: its id, its kind (told by the platform at first contact and stored with the
/// recipient, never guessed from the id) and an optional thread (a Telegram forum topic).
/// </summary>
public sealed record ChatRef(string Platform, string ChatId, ChatKind Kind, string? ThreadId = null);

/// <summary>
/// Who wrote or pressed. <see cref="Rights"/> is set when the platform sends them with the update (Discord's member
/// permissions); <see cref="IsChat"/> when the chat itself sent it (a channel post, an anonymous group admin), which
/// only its admins can do. <see cref="LanguageCode"/> is the user's app language, a first guess for the chat's.
/// </summary>
public sealed record ChatSender(string UserId, MemberRights? Rights = null, bool IsChat = false, string? LanguageCode = null);

/// <summary>A user typed something in a chat the bot is in.</summary>
public sealed record IncomingText(ChatRef Chat, ChatSender From, string Text);

/// <summary>A user pressed a button under one of the bot's messages.</summary>
public sealed record ButtonPress(ChatRef Chat, ChatSender From, string MessageId, string Data, string PressId);

public sealed record MemberRights(bool IsMember, bool IsAdmin);

public enum PlatformFailure
{
    /// <summary>The platform said to wait (HTTP 429); retry after <see cref="PlatformException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>A network error or 5xx: retry with backoff.</summary>
    Transient,

    /// <summary>The chat is gone, the bot was blocked or lost its rights: never retry, deactivate the recipient.</summary>
    RecipientGone,

    /// <summary>The request itself was refused (too long, malformed): never retry.</summary>
    Rejected,

    /// <summary>The chat moved to <see cref="PlatformException.MigratedToChatId"/> (Telegram's group → supergroup): move the recipient, retry once there.</summary>
    ChatMigrated,

    /// <summary>An edit that changes nothing (Telegram's "message is not modified"): the message already shows it, so it is done.</summary>
    NotModified,

    /// <summary>The message to edit or delete no longer exists, or is too old to change.</summary>
    MessageGone,
}

public sealed class PlatformException : Exception
{
    public PlatformException(PlatformFailure failure, string reason, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(reason, inner)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    public PlatformException()
        : this(PlatformFailure.Transient, "platform error")
    {
    }

    public PlatformException(string message)
        : this(PlatformFailure.Transient, message)
    {
    }

    public PlatformException(string message, Exception innerException)
        : this(PlatformFailure.Transient, message, null, innerException)
    {
    }

    public PlatformFailure Failure { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>For <see cref="PlatformFailure.ChatMigrated"/>: the chat's new id.</summary>
    public string? MigratedToChatId { get; init; }

    /// <summary>
    /// For <see cref="PlatformFailure.RateLimited"/>: the adapter has already held what the limit concerns for
    /// <see cref="RetryAfter"/> (Discord: the one route's bucket, or every route when the limit was global), so the
    /// sender does not hold the whole platform. False (Telegram: a 429 holds the whole bot) makes the sender hold it.
    /// </summary>
    public bool HeldByAdapter { get; init; }
}

/// <summary>
/// The port between the bot and a chat platform (Telegram, Discord, the sandbox). Platform types never cross it. Each
/// adapter also brings its own <see cref="ISendGate"/>, hands inbound updates to the conversation in a fresh scope with
/// a <see cref="IReplyContext"/>, and reports chat lifecycle changes to <see cref="ChatLifecycle"/>.
/// </summary>
public interface IChatPlatform
{
    /// <summary>Lower-case platform name as stored with recipients: <c>sandbox</c>, <c>telegram</c>, <c>discord</c>.</summary>
    string Name { get; }

    /// <summary>The markup alerts are written in for this platform.</summary>
    PlatformMarkup Markup { get; }

    /// <summary>What one message may hold; the conversation sizes menus and splits replies by it.</summary>
    ChatCapabilities Capabilities { get; }

    /// <summary>The platform's send limits, waited out before every call (its own classes or buckets).</summary>
    ISendGate Gate { get; }

    /// <summary>Sends a message; returns the platform's message id.</summary>
    Task<string> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct);

    Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct);

    Task DeleteAsync(ChatRef chat, string messageId, CancellationToken ct);

    /// <summary>Acknowledges a button press, optionally with a short notice shown to the presser only.</summary>
    Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct);

    Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct);

    /// <summary>The private chat with a user, for replies meant for that user alone; null when the platform has none to offer.</summary>
    ChatRef? PrivateChatWith(string userId);
}
