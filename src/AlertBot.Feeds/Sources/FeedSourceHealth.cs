namespace AlertBot.Feeds;

/// <summary>Backoff and auto-disable thresholds (bindable from configuration).</summary>
public sealed class FeedHealthOptions
{
    /// <summary>Longest delay between two polls of a failing source.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Consecutive failures after which a source is disabled (and moderators told).</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 10;

    /// <summary>
    /// A source is disabled only if it has also had no success for this long (or never had one), so that a
    /// short burst of failures on a frequently polled source does not switch it off. Zero disables on the count alone.
    /// </summary>
    public TimeSpan DisableOnlyWithoutSuccessFor { get; set; } = TimeSpan.FromHours(24);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxBackoff, TimeSpan.Zero, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(DisableAfterConsecutiveFailures, 1, nameof(DisableAfterConsecutiveFailures));
        ArgumentOutOfRangeException.ThrowIfLessThan(DisableOnlyWithoutSuccessFor, TimeSpan.Zero, nameof(DisableOnlyWithoutSuccessFor));
    }
}

/// <summary>What to do with a source after a poll.</summary>
/// <param name="NextPollDelay">Wait this long before the next poll.</param>
/// <param name="NextPollAt">The time of the next poll (now + delay).</param>
/// <param name="ShouldDisable">True when the source has failed often and long enough to be switched off.</param>
/// <param name="Reason">Why it should be disabled, for the health page and the moderators' notice; null otherwise.</param>
public sealed record FeedHealthDecision(TimeSpan NextPollDelay, DateTimeOffset NextPollAt, bool ShouldDisable, string? Reason);

/// <summary>
/// Pure backoff/auto-disable logic for one source. The host stores the consecutive-failure count (reset to zero on
/// any success or 304) and the last success time, and calls <see cref="Evaluate"/> after each poll.
/// Delay = poll interval × 2^failures, capped at <see cref="FeedHealthOptions.MaxBackoff"/> (never below the poll
/// interval itself), and at least the server's Retry-After (itself capped).
/// </summary>
public sealed class FeedSourceHealth
{
    private readonly FeedHealthOptions options;

    public FeedSourceHealth(FeedHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    public FeedHealthDecision Evaluate(
        int consecutiveFailures,
        DateTimeOffset? lastSuccessAt,
        TimeSpan pollInterval,
        DateTimeOffset now,
        TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(consecutiveFailures);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);

        var cap = pollInterval > options.MaxBackoff ? pollInterval : options.MaxBackoff;
        var factor = Math.Pow(2, Math.Min(consecutiveFailures, 40));
        var delay = pollInterval.Ticks * factor >= cap.Ticks ? cap : TimeSpan.FromTicks((long)(pollInterval.Ticks * factor));
        if (consecutiveFailures > 0 && retryAfter is { } wait && wait > delay)
        {
            delay = wait < cap ? wait : cap;
        }

        var failingLongEnough = lastSuccessAt is not { } success || now - success >= options.DisableOnlyWithoutSuccessFor;
        var disable = consecutiveFailures >= options.DisableAfterConsecutiveFailures && failingLongEnough;
        var reason = disable
            ? lastSuccessAt is { } last
                ? FormattableString.Invariant($"{consecutiveFailures} consecutive failures; last success {last:u}.")
                : FormattableString.Invariant($"{consecutiveFailures} consecutive failures; never succeeded.")
            : null;
        return new FeedHealthDecision(delay, now + delay, disable, reason);
    }
}
