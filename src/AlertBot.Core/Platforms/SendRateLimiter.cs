namespace AlertBot.Core.Platforms;

/// <summary>
/// A send gate of fixed classes (Telegram's): every message in the last second (bot-wide and per chat) and in the last
/// minute (per group or channel) is remembered, so no window ever holds more than the limit. A 429's <c>retry_after</c>
/// holds every call until it has passed. Messages (sends, edits, deletes) count; button answers and rights checks do not
/// (Telegram does not count them against the message limits). The sandbox uses it too, to enforce the same limits.
/// <para>
/// A bot's gate is <paramref name="paced"/>: once half the bot-wide limit has gone out in the last second (a broadcast,
/// not a conversation's replies), its sends are spread evenly, one every 1/limit of a second, rather than let through
/// in bursts of the whole limit. The server counts a message when the request arrives, not when
/// the gate let it go; with bursts, a window's burst that arrives late and the next one that arrives early meet in one
/// of the server's windows and get 429s; evenly spaced sends keep within the limit under any jitter smaller than the
/// spacing (33 ms at Telegram's 30 a second). Senders waiting for the bot-wide limit are given turns half a spacing
/// apart, so they come back two by two rather than all at once. A server-side limiter (the sandbox enforcing the limits) is not paced.
/// </para>
/// </summary>
public sealed class SendRateLimiter(PlatformLimits limits, TimeProvider time, bool paced = false) : ISendGate
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _global = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _chats = new(StringComparer.Ordinal);
    private readonly TimeSpan _spacing = paced ? TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Max(1, limits.MessagesPerSecond)) : TimeSpan.Zero;

    // How late the senders may fall behind the cadence and still catch up: one slot at Telegram's 30 a second, a
    // twentieth of a second's sends at the paid 1,000 (a millisecond's spacing is finer than a timer can wake).
    private readonly TimeSpan _halfSpacing = paced ? TimeSpan.FromTicks(((TimeSpan.TicksPerSecond / Math.Max(1, limits.MessagesPerSecond)) + 1) / 2) : TimeSpan.Zero;
    private readonly int _catchUp = Math.Max(1, limits.MessagesPerSecond / 20);
    private DateTimeOffset _holdUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextGlobal = DateTimeOffset.MinValue;
    private DateTimeOffset _lastTurn = DateTimeOffset.MinValue;
    private int _reservations;

    public PlatformLimits Limits => limits;

    /// <summary>Until when every send is held (a 429's retry_after), or <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset HoldUntil
    {
        get
        {
            lock (_lock)
            {
                return _holdUntil;
            }
        }
    }

    public TimeSpan TryReserve(ChatRef chat, PlatformCall call)
    {
        if (call is PlatformCall.AnswerButton or PlatformCall.RightsCheck)
        {
            var now = time.GetUtcNow();
            lock (_lock)
            {
                return Max(_holdUntil - now, TimeSpan.Zero);
            }
        }

        return TryReserve(chat.ChatId, chat.Kind);
    }

    public void Hold(ChatRef? chat, DateTimeOffset until) => Hold(until);

    /// <summary>Takes a send slot for <paramref name="chatId"/> when one is free (returns zero), else how long to wait.</summary>
    public TimeSpan TryReserve(string chatId, ChatKind kind)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Prune(_global, now - Second);
            var global = Max(_holdUntil - now, _global.Count >= limits.MessagesPerSecond ? _global.Peek() + Second - now : TimeSpan.Zero);
            var pacing = _spacing > TimeSpan.Zero && _global.Count >= Math.Max(1, limits.MessagesPerSecond / 2);
            if (pacing)
            {
                global = Max(global, _nextGlobal - now);
            }

            var chat = ChatQueue(chatId);
            Prune(chat, now - Minute);
            var wait = WaitFor(chat, limits.ChatMessagesPerSecond, Second, now);
            if (kind != ChatKind.Private)
            {
                wait = Max(wait, WaitFor(chat, limits.GroupMessagesPerMinute, Minute, now));
            }

            if (global > wait && _spacing > TimeSpan.Zero)
            {
                // Waiting for the bot-wide cadence (or a hold): each waiter gets its own turn, after the last one given, so that a broadcast's many senders wake one by one rather than all at every slot (64
                // senders at 1,000 a second polling every millisecond spent a quarter of the process's CPU on this lock).
                // A turn is a time to come back, not a reservation: whoever comes first to a free slot takes it.
                // Turns are half a spacing apart: two senders come back for each slot, so one that wakes late does not
                // leave its slot unused.
                var turn = now + global;
                if (_lastTurn + _halfSpacing > turn)
                {
                    turn = _lastTurn + _halfSpacing;
                }

                _lastTurn = turn;
                return turn - now;
            }

            wait = Max(wait, global);
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _global.Enqueue(now);
            // Keep the cadence: a sender that woke a little late (timers fire late) does not push every later slot back;
            // after an idle spell the cadence starts again from now. The one-second window above still holds the limit.
            _nextGlobal = (pacing && now - _nextGlobal < _spacing * _catchUp ? _nextGlobal : now) + _spacing;
            chat.Enqueue(now);
            if (++_reservations % 4096 == 0)
            {
                ForgetIdleChats(now);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>The platform answered 429: nothing is sent before <paramref name="until"/>.</summary>
    public void Hold(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _holdUntil)
            {
                _holdUntil = until;
            }
        }
    }

    private Queue<DateTimeOffset> ChatQueue(string chatId)
    {
        if (!_chats.TryGetValue(chatId, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            _chats[chatId] = queue;
        }

        return queue;
    }

    private static void Prune(Queue<DateTimeOffset> queue, DateTimeOffset before)
    {
        while (queue.Count > 0 && queue.Peek() <= before)
        {
            queue.Dequeue();
        }
    }

    /// <summary>How long until fewer than <paramref name="limit"/> of a chat's sends (oldest first) lie within the last <paramref name="period"/>.</summary>
    private static TimeSpan WaitFor(Queue<DateTimeOffset> sends, int limit, TimeSpan period, DateTimeOffset now)
    {
        var recent = 0;
        foreach (var at in sends)
        {
            recent += at > now - period ? 1 : 0;
        }

        // A slot frees when the send that is limit-th newest leaves the window.
        return recent < limit ? TimeSpan.Zero : sends.Where(at => at > now - period).ElementAt(recent - limit) + period - now;
    }

    private void ForgetIdleChats(DateTimeOffset now)
    {
        foreach (var chat in _chats.Where(kv => kv.Value.Count == 0 || kv.Value.Last() <= now - Minute).Select(kv => kv.Key).ToList())
        {
            _chats.Remove(chat);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
