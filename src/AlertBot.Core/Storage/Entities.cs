using AlertBot.Core.Platforms;

namespace AlertBot.Core.Storage;

/// <summary>A chat on a platform that the bot talks to: a private chat, a group or a channel.</summary>
public sealed class Recipient
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }

    /// <summary>Private chat, group or channel, as the platform told at first contact (never guessed from the id).</summary>
    public ChatKind Kind { get; set; }

    /// <summary>The thread the chat's messages go to (a Telegram forum topic), when it was configured from one.</summary>
    public string? ThreadId { get; set; }

    /// <summary>Who added the bot to this group or channel, when the platform said.</summary>
    public string? AddedByUserId { get; set; }
    public ChatLanguage Language { get; set; } = ChatLanguage.Both;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The chat as the platform port names it.</summary>
    public ChatRef ToChatRef() => new(Platform, ChatId, Kind, ThreadId);

    /// <summary>IANA time zone id that alert times and quiet hours are read in.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Start of the quiet window, local time; no window when null.</summary>
    public TimeOnly? QuietFrom { get; set; }

    /// <summary>End of the quiet window, local time (may be earlier than <see cref="QuietFrom"/>: the window spans midnight).</summary>
    public TimeOnly? QuietUntil { get; set; }
    public QuietMode QuietMode { get; set; } = QuietMode.Hold;

    /// <summary>Paused by the chat (/pause): no alerts until /resume; alerts routed meanwhile are not kept.</summary>
    public bool Paused { get; set; }

    /// <summary>Set once the platform said the chat is gone (bot blocked, chat deleted, rights lost); cleared when the chat writes again.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    public string? DeactivatedReason { get; set; }

    public bool Active => DeactivatedAt is null;

    public const string DefaultTimeZone = "Asia/Damascus";
}

/// <summary>What happens to an alert that falls in a recipient's quiet hours.</summary>
public enum QuietMode
{
    /// <summary>Held until the quiet window ends.</summary>
    Hold = 0,

    /// <summary>Sent at once without a notification sound.</summary>
    Silent = 1,
}

public enum ChatLanguage
{
    Both = 0,
    Ar = 1,
    En = 2,
}

/// <summary>A message in a sandbox chat. The sandbox platform keeps its transcript here, as a real platform keeps it on its servers.</summary>
public sealed class SandboxMessage
{
    public long Id { get; set; }
    public required string ChatId { get; set; }
    public bool FromBot { get; set; }
    public string? UserId { get; set; }
    public required string Text { get; set; }

    /// <summary>Inline buttons as JSON rows of {label, data}; null when the message has none.</summary>
    public string? ButtonsJson { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public bool Deleted { get; set; }

    /// <summary>Delivered without a notification sound (the chat's quiet hours in silent mode).</summary>
    public bool Silent { get; set; }

    /// <summary>An ephemeral reply: shown to this user only.</summary>
    public string? VisibleToUserId { get; set; }

    /// <summary>The thread (forum topic) the message is in, if any.</summary>
    public string? ThreadId { get; set; }

    /// <summary>The message this one replies to.</summary>
    public long? ReplyToId { get; set; }

    /// <summary>The image the message carries (a digest's map; its text is then the caption), as PNG bytes.</summary>
    public byte[]? ImagePng { get; set; }

    public string? ImageName { get; set; }

    /// <summary>What the image shows, for those who cannot see it.</summary>
    public string? ImageAlt { get; set; }
}

/// <summary>Membership rights in a sandbox group chat (private chats need none: their user is their admin).</summary>
public sealed class SandboxMember
{
    public required string ChatId { get; set; }
    public required string UserId { get; set; }
    public bool IsAdmin { get; set; }
}
