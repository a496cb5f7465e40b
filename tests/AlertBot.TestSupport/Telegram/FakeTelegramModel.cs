using System.Text.Json.Nodes;

namespace AlertBot.TestSupport.Telegram;

/// <summary>One call the bot made to the fake: the method, its parameters as sent (query, form or JSON merged), and the answer.</summary>
public sealed record FakeTelegramCall(string Method, JsonObject Parameters, int Status, string? Description, DateTimeOffset At);

/// <summary>A button under a message the bot sent: callback data or a link.</summary>
public sealed record FakeTelegramButton(string Text, string? CallbackData, string? Url);

/// <summary>A photo the bot uploaded: the bytes as received, the file name and the size read from the PNG.</summary>
public sealed record FakeTelegramPhoto(byte[] Png, string FileName, int Width, int Height);

/// <summary>A message the bot sent to a chat, as the fake keeps it.</summary>
public sealed class FakeTelegramMessage
{
    public required long ChatId { get; init; }
    public required int MessageId { get; init; }

    /// <summary>The text as sent (HTML when <see cref="ParseMode"/> is HTML).</summary>
    public required string Raw { get; set; }

    /// <summary>The visible text, entities parsed.</summary>
    public required string Text { get; set; }
    public string? ParseMode { get; set; }
    public IReadOnlyList<IReadOnlyList<FakeTelegramButton>> Buttons { get; set; } = [];
    public int? ThreadId { get; init; }
    public bool Silent { get; init; }
    public bool PaidBroadcast { get; init; }
    public bool LinkPreviewDisabled { get; set; }
    public int? ReplyToMessageId { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public DateTimeOffset? EditedAt { get; set; }
    public int Edits { get; set; }
    public bool Deleted { get; set; }

    /// <summary>The photo, for a message sent with sendPhoto (its <see cref="Text"/> is then the caption).</summary>
    public FakeTelegramPhoto? Photo { get; init; }

    public IEnumerable<FakeTelegramButton> AllButtons => Buttons.SelectMany(r => r);
}

/// <summary>A chat the fake knows: private (with a user), group, supergroup (optionally a forum) or channel.</summary>
public sealed record FakeTelegramChat(long Id, string Type, string? Title, bool IsForum = false, string? Username = null);

/// <summary>A user the fake knows.</summary>
public sealed record FakeTelegramUser(long Id, string FirstName, string? LanguageCode, string? Username = null);

/// <summary>What a button press got back from the bot (answerCallbackQuery).</summary>
public sealed record FakeTelegramPressAnswer(bool Answered, string? Text);

public enum FakeTelegramFaultKind
{
    /// <summary>HTTP 502 with Telegram's JSON error body.</summary>
    ServerError,

    /// <summary>HTTP 502 with a proxy's HTML page (no JSON at all).</summary>
    HtmlError,

    /// <summary>The connection is reset before any answer.</summary>
    Reset,

    /// <summary>The answer comes after <see cref="FakeTelegramFault.Delay"/>, then as usual.</summary>
    Slow,

    /// <summary>A 429 with <see cref="FakeTelegramFault.RetryAfterSeconds"/>, as a flood wait would give.</summary>
    TooManyRequests,
}

/// <summary>
/// A fault injected on the next <see cref="Count"/> calls of <see cref="Method"/> (any method but getUpdates when null),
/// to <see cref="ChatId"/> only when set.
/// </summary>
public sealed record FakeTelegramFault(FakeTelegramFaultKind Kind, string? Method = null, long? ChatId = null, int Count = 1)
{
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    public int RetryAfterSeconds { get; init; } = 1;
}

/// <summary>
/// Faults on a share of the calls of <see cref="Method"/>, for storms: each call fails with probability
/// <see cref="Rate"/> (a 502 or a reset, half and half), and every <see cref="StormEvery"/>-th call (when set) is a 429
/// with <see cref="RetryAfterSeconds"/> that holds the whole bot, as a flood wait does. Seeded: the same run, the same faults.
/// </summary>
public sealed record FakeTelegramRandomFaults(double Rate, int Seed = 1, string Method = "sendMessage", int? StormEvery = null, int RetryAfterSeconds = 1);

/// <summary>The limits the fake enforces with real 429 answers (Telegram's by default), with Telegram's small tolerance for bursts.</summary>
public sealed record FakeTelegramLimits(int MessagesPerSecond = 30, int ChatMessagesPerSecond = 1, int GroupMessagesPerMinute = 20, int PaidMessagesPerSecond = 1000);
