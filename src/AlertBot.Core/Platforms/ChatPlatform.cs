namespace AlertBot.Core.Platforms;

/// <summary>A button under a message. <see cref="Data"/> comes back in a <see cref="ButtonPress"/>; treat it as untrusted.</summary>
public sealed record ChatButton(string Label, string Data);

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

    /// <summary>The text is in the platform's markup already (escaped by <see cref="Rendering.PlatformMarkup"/>).</summary>
    public bool IsMarkup { get; init; }

    /// <summary>Deliver without a notification sound (quiet hours in silent mode).</summary>
    public bool Silent { get; init; }
}

/// <summary>
/// How fast a platform lets a bot send, enforced by the dispatcher before sending (Telegram: about 30 messages a
/// second per bot, 1 a second per chat, 20 a minute per group or channel).
/// </summary>
public sealed record PlatformLimits(int MessagesPerSecond, int ChatMessagesPerSecond, int GroupMessagesPerMinute)
{
    public static PlatformLimits Telegram { get; } = new(30, 1, 20);
}

public enum ChatKind
{
    Private,
    Group,
    Channel,
}

/// <summary>A user typed something in a chat the bot is in.</summary>
public sealed record IncomingText(string Platform, string ChatId, ChatKind ChatKind, string UserId, string Text);

/// <summary>A user pressed a button under one of the bot's messages.</summary>
public sealed record ButtonPress(string Platform, string ChatId, ChatKind ChatKind, string UserId, string MessageId, string Data, string PressId);

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
}

/// <summary>
/// The port between the bot and a chat platform (Telegram, Discord, the sandbox). Platform types never cross it.
/// </summary>
public interface IChatPlatform
{
    /// <summary>Lower-case platform name as stored with recipients: <c>sandbox</c>, <c>telegram</c>, <c>discord</c>.</summary>
    string Name { get; }

    /// <summary>The markup alerts are written in for this platform, with its message length.</summary>
    Rendering.PlatformMarkup Markup { get; }

    /// <summary>The send rates this platform allows; settings of the adapter.</summary>
    PlatformLimits Limits { get; }

    /// <summary>What kind of chat an id names, as far as the id tells (groups have tighter rate limits).</summary>
    ChatKind KindOf(string chatId);

    /// <summary>Sends a message; returns the platform's message id.</summary>
    Task<string> SendAsync(string chatId, OutgoingMessage message, CancellationToken ct);

    Task EditAsync(string chatId, string messageId, OutgoingMessage message, CancellationToken ct);

    Task DeleteAsync(string chatId, string messageId, CancellationToken ct);

    /// <summary>Acknowledges a button press, optionally with a short notice shown to the presser only.</summary>
    Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct);

    Task<MemberRights> GetMemberRightsAsync(string chatId, string userId, CancellationToken ct);
}
