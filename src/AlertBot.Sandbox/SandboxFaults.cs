using System.Collections.Concurrent;
using AlertBot.Core.Delivery;
using AlertBot.Core.Platforms;

namespace AlertBot.Sandbox;

/// <summary>
/// The <c>Sandbox</c> section: the send rates the sandbox allows and enforces, and what one message may hold (Telegram's
/// by default; set them smaller to try the conversation within a tighter platform, as Discord's 5 rows and 2,000 characters).
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public int MaxTextLength { get; set; } = ChatCapabilities.Telegram.MaxTextLength;

    public int MaxButtonRows { get; set; } = ChatCapabilities.Telegram.MaxButtonRows;

    public int MaxButtonsPerRow { get; set; } = ChatCapabilities.Telegram.MaxButtonsPerRow;

    public int MaxButtonDataBytes { get; set; } = ChatCapabilities.Telegram.MaxButtonDataBytes;

    /// <summary>The longest caption of a message with an image (a digest's map); 0: the sandbox takes no images, as a text-only platform.</summary>
    public int MaxCaptionLength { get; set; } = ChatCapabilities.Telegram.MaxCaptionLength;

    /// <summary>Replies meant for one person in a group are shown to them alone in the group (as Discord does), instead of in their private chat (as Telegram does).</summary>
    public bool EphemeralReplies { get; set; }

    public ChatCapabilities Capabilities => ChatCapabilities.Telegram with
    {
        MaxTextLength = MaxTextLength,
        MaxButtonRows = MaxButtonRows,
        MaxButtonsPerRow = MaxButtonsPerRow,
        MaxButtonDataBytes = MaxButtonDataBytes,
        EphemeralReplies = EphemeralReplies,
        MaxCaptionLength = MaxCaptionLength,
    };

    public int MessagesPerSecond { get; set; } = PlatformLimits.Telegram.MessagesPerSecond;

    public int ChatMessagesPerSecond { get; set; } = PlatformLimits.Telegram.ChatMessagesPerSecond;

    public int GroupMessagesPerMinute { get; set; } = PlatformLimits.Telegram.GroupMessagesPerMinute;

    public PlatformLimits Limits => new(MessagesPerSecond, ChatMessagesPerSecond, GroupMessagesPerMinute);
}

public enum SandboxFaultKind
{
    /// <summary>HTTP 429 with retry_after: nothing may be sent until it has passed.</summary>
    RateLimit,

    /// <summary>HTTP 5xx.</summary>
    ServerError,

    /// <summary>The connection is reset before an answer.</summary>
    ConnectionReset,

    /// <summary>The user blocked the bot (403): every send to that chat fails until the faults are cleared.</summary>
    Blocked,

    /// <summary>The group became a supergroup at <see cref="SandboxFault.MigrateToChatId"/>: every call to the old id fails, naming the new one.</summary>
    Migrated,

    /// <summary>The next <see cref="SandboxFault.Count"/> deletes fail (a message too old to delete, a lost right); sends and edits are not affected.</summary>
    DeleteFails,
}

/// <summary>A fault the sandbox answers the next <see cref="Count"/> sends or edits with (to <see cref="ChatId"/> only, when set).</summary>
public sealed record SandboxFault(SandboxFaultKind Kind, int Count = 1, double RetryAfterSeconds = 1, string? ChatId = null, string? MigrateToChatId = null);

/// <summary>What the sandbox saw of the bot's sending: how often it had to refuse, and whether the bot ever broke a limit.</summary>
public sealed record SandboxSendStats(long Accepted, long Faults, long RateLimited, long SentDuringRetryAfter, long OverLimit, IReadOnlyDictionary<string, int> AttemptsByBlockedChat);

/// <summary>
/// The sandbox platform's server side: injected faults and enforced send limits, as a real platform would answer.
/// Limits are enforced with a little slack (a tenth, at least one), as Telegram tolerates short bursts; a send in a
/// retry_after window is counted as a breach.
/// </summary>
public sealed class SandboxFaults(SandboxOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<Scripted> _script = [];
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _migrated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _blockedAttempts = new(StringComparer.Ordinal);
    private readonly SendRateLimiter _enforced = new(
        new PlatformLimits(Slack(options.MessagesPerSecond), Slack(options.ChatMessagesPerSecond), Slack(options.GroupMessagesPerMinute)), time);
    private DateTimeOffset _retryAfterUntil = DateTimeOffset.MinValue;
    private long _accepted;
    private long _faults;
    private long _rateLimited;
    private long _sentDuringRetryAfter;
    private long _overLimit;

    public void Inject(SandboxFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Count);
        lock (_lock)
        {
            if (fault.Kind == SandboxFaultKind.Blocked)
            {
                _blocked.Add(fault.ChatId ?? throw new ArgumentException("a blocked fault names its chat", nameof(fault)));
                return;
            }

            if (fault.Kind == SandboxFaultKind.Migrated)
            {
                _migrated[fault.ChatId ?? throw new ArgumentException("a migration names its chat", nameof(fault))] =
                    fault.MigrateToChatId ?? throw new ArgumentException("a migration names the new chat id", nameof(fault));
                return;
            }

            _script.Add(new Scripted(fault) { Left = fault.Count });
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _script.Clear();
            _blocked.Clear();
            _migrated.Clear();
            _blockedAttempts.Clear();
            _retryAfterUntil = DateTimeOffset.MinValue;
            _accepted = _faults = _rateLimited = _sentDuringRetryAfter = _overLimit = 0;
        }
    }

    public SandboxSendStats Stats()
    {
        lock (_lock)
        {
            return new SandboxSendStats(_accepted, _faults, _rateLimited, _sentDuringRetryAfter, _overLimit, new Dictionary<string, int>(_blockedAttempts));
        }
    }

    /// <summary>The id a chat moved to, if it moved.</summary>
    public string? MigratedTo(string chatId)
    {
        lock (_lock)
        {
            return _migrated.GetValueOrDefault(chatId);
        }
    }

    /// <summary>Called before every delete: a scripted delete failure, or the chat moved.</summary>
    internal void CheckDelete(string chatId)
    {
        lock (_lock)
        {
            ThrowIfMigrated(chatId);
            var scripted = _script.FirstOrDefault(s => s.Fault.Kind == SandboxFaultKind.DeleteFails && (s.Fault.ChatId is null || s.Fault.ChatId == chatId));
            if (scripted is not null)
            {
                if (--scripted.Left == 0)
                {
                    _script.Remove(scripted);
                }

                _faults++;
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message can't be deleted");
            }
        }
    }

    /// <summary>Called before every send or edit: throws what the platform would answer instead of accepting it.</summary>
    internal void Check(string chatId, ChatKind kind)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            ThrowIfMigrated(chatId);
            if (_blocked.Contains(chatId))
            {
                _blockedAttempts.AddOrUpdate(chatId, 1, (_, n) => n + 1);
                _faults++;
                throw new PlatformException(PlatformFailure.RecipientGone, "Forbidden: bot was blocked by the user");
            }

            if (now < _retryAfterUntil)
            {
                _sentDuringRetryAfter++;
                throw RateLimited(_retryAfterUntil - now);
            }

            var scripted = _script.FirstOrDefault(s => s.Fault.Kind != SandboxFaultKind.DeleteFails && (s.Fault.ChatId is null || s.Fault.ChatId == chatId));
            if (scripted is not null)
            {
                if (--scripted.Left == 0)
                {
                    _script.Remove(scripted);
                }

                _faults++;
                throw scripted.Fault.Kind switch
                {
                    SandboxFaultKind.RateLimit => RateLimited(TimeSpan.FromSeconds(scripted.Fault.RetryAfterSeconds)),
                    SandboxFaultKind.ServerError => new PlatformException(PlatformFailure.Transient, "Internal Server Error (502)"),
                    _ => new PlatformException(PlatformFailure.Transient, "Connection reset by peer", inner: new IOException("connection reset")),
                };
            }

            if (_enforced.TryReserve(chatId, kind) is var wait && wait > TimeSpan.Zero)
            {
                _overLimit++;
                throw RateLimited(wait);
            }

            _accepted++;
        }
    }

    private void ThrowIfMigrated(string chatId)
    {
        if (_migrated.TryGetValue(chatId, out var to))
        {
            _faults++;
            throw new PlatformException(PlatformFailure.ChatMigrated, "Bad Request: group chat was upgraded to a supergroup chat") { MigratedToChatId = to };
        }
    }

    private PlatformException RateLimited(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var until = time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        if (until > _retryAfterUntil)
        {
            _retryAfterUntil = until;
        }

        _rateLimited++;
        return new PlatformException(PlatformFailure.RateLimited, $"Too Many Requests: retry after {seconds}", TimeSpan.FromSeconds(seconds));
    }

    private static int Slack(int limit) => limit + Math.Max(1, limit / 10);

    private sealed class Scripted(SandboxFault fault)
    {
        public SandboxFault Fault { get; } = fault;

        public int Left { get; set; }
    }
}
