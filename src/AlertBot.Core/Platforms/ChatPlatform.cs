namespace AlertBot.Core.Platforms;

/// <summary>A button under a message. <see cref="Data"/> comes back in a <see cref="ButtonPress"/>; treat it as untrusted.</summary>
public sealed record ChatButton(string Label, string Data);

/// <summary>
/// A message the bot sends: plain text (each adapter escapes it for its markup) and rows of buttons.
/// </summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<IReadOnlyList<ChatButton>> Buttons)
{
    public OutgoingMessage(string text)
        : this(text, [])
    {
    }
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

    /// <summary>Sends a message; returns the platform's message id.</summary>
    Task<string> SendAsync(string chatId, OutgoingMessage message, CancellationToken ct);

    Task EditAsync(string chatId, string messageId, OutgoingMessage message, CancellationToken ct);

    Task DeleteAsync(string chatId, string messageId, CancellationToken ct);

    /// <summary>Acknowledges a button press, optionally with a short notice shown to the presser only.</summary>
    Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct);

    Task<MemberRights> GetMemberRightsAsync(string chatId, string userId, CancellationToken ct);
}
