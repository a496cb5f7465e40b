namespace AlertBot.Core.Platforms;

/// <summary>The kinds of outbound call, each counted in the metrics and passed through the platform's gate.</summary>
public enum PlatformCall
{
    Send,
    Edit,
    Delete,
    AnswerButton,
    RightsCheck,
}

/// <summary>
/// A platform's own send limits, waited out before every outbound call so that limits are kept, not discovered by
/// 429s: Telegram's fixed classes (<see cref="SendRateLimiter"/>), Discord's buckets learned from response headers plus
/// its global limit. One gate per platform in a process, shared by alerts and conversation replies.
/// </summary>
public interface ISendGate
{
    /// <summary>Takes a slot for <paramref name="call"/> to <paramref name="chat"/> when one is free (returns zero), else how long until one may be.</summary>
    TimeSpan TryReserve(ChatRef chat, PlatformCall call);

    /// <summary>The platform answered 429: hold the calls it names (one chat's, or every call when <paramref name="chat"/> is null) until <paramref name="until"/>.</summary>
    void Hold(ChatRef? chat, DateTimeOffset until);
}

/// <summary>The wait for the platform's gate is longer than the caller will hold its slot for: try again at <see cref="Until"/>.</summary>
public sealed class GateWaitException(DateTimeOffset until)
    : Exception($"the platform's send limits allow the next call at {until:O}")
{
    public DateTimeOffset Until { get; } = until;
}
