using AlertBot.Core.Platforms;

namespace AlertBot.Telegram;

public enum TelegramMode
{
    /// <summary>Long polling with getUpdates: one instance of a deployment polls (the others stand by).</summary>
    Polling,

    /// <summary>Telegram POSTs each update to <see cref="TelegramOptions.WebhookUrl"/>; any number of instances.</summary>
    Webhook,
}

/// <summary>The <c>Telegram</c> section. The adapter is registered only when <see cref="BotToken"/> is set.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>From @BotFather: <c>&lt;bot id&gt;:&lt;secret&gt;</c>. From an environment variable or user secrets, never a file.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server: the public one, a local Bot API server, or a test fake (only scheme and authority count).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram POSTs updates to (webhook mode); it must reach <see cref="TelegramWebhook.Path"/>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c> with every update (1–256 of A–Z a–z 0–9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The long-poll timeout of one getUpdates, in seconds (0–50).</summary>
    public int PollTimeoutSeconds { get; set; } = 50;

    /// <summary>Messages a second to all chats together (Telegram: about 30 without paid broadcast).</summary>
    public int MessagesPerSecond { get; set; } = PlatformLimits.Telegram.MessagesPerSecond;

    /// <summary>Messages a second to one chat (Telegram: 1).</summary>
    public int ChatMessagesPerSecond { get; set; } = PlatformLimits.Telegram.ChatMessagesPerSecond;

    /// <summary>Messages a minute to one group or channel (Telegram: 20).</summary>
    public int GroupMessagesPerMinute { get; set; } = PlatformLimits.Telegram.GroupMessagesPerMinute;

    /// <summary>Send with <c>allow_paid_broadcast</c> at up to <see cref="PaidMessagesPerSecond"/> (the bot's owner pays in Stars).</summary>
    public bool PaidBroadcast { get; set; }

    /// <summary>The bot-wide rate with paid broadcast on (Telegram: up to 1,000).</summary>
    public int PaidMessagesPerSecond { get; set; } = 1000;

    /// <summary>The chat where moderators work; its members' commands are answered like any group's.</summary>
    public long? ModeratorChatId { get; set; }

    /// <summary><c>/ready</c> says degraded when polling, or registering the webhook, has failed for longer than this.</summary>
    public int DegradedAfterSeconds { get; set; } = 120;

    /// <summary>The bot-wide limit the gate keeps: the paid rate when paid broadcast is on.</summary>
    public PlatformLimits Limits =>
        new(PaidBroadcast ? PaidMessagesPerSecond : MessagesPerSecond, ChatMessagesPerSecond, GroupMessagesPerMinute);

    internal static bool IsValidToken(string? token)
    {
        if (token is null)
        {
            return false;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon is >= 1 and <= 16
            && long.TryParse(token[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            && token.Length > colon + 1
            && !token.Any(char.IsWhiteSpace);
    }

    internal static bool IsValidSecret(string? secret) =>
        secret is { Length: >= 1 and <= 256 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
