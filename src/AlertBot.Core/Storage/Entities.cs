namespace AlertBot.Core.Storage;

/// <summary>A chat on a platform that the bot talks to: a private chat, a group or a channel.</summary>
public sealed class Recipient
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }
    public ChatLanguage Language { get; set; } = ChatLanguage.Both;
    public DateTimeOffset CreatedAt { get; set; }
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
}

/// <summary>Membership rights in a sandbox group chat (private chats need none: their user is their admin).</summary>
public sealed class SandboxMember
{
    public required string ChatId { get; set; }
    public required string UserId { get; set; }
    public bool IsAdmin { get; set; }
}
