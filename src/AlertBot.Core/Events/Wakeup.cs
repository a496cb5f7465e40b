namespace AlertBot.Core.Events;

/// <summary>
/// Wakes a worker loop early when this process made new work (a confirmation, a routed event); other processes find
/// the work by polling. Signals coalesce: many signals before a wait wake it once. A signal never fails (it is called
/// after a confirmation has been committed), and a signal made after a wait started always ends that wait.
/// </summary>
/// <remarks>
/// The state is one completion source: <see cref="Signal"/> completes the current one, a wait that saw it completed
/// swaps in a fresh one. A signal that lands while a wait is timing out leaves the source completed, so the next wait
/// returns at once (one extra poll, never a lost or failing signal).
/// </remarks>
public sealed class Wakeup
{
    private TaskCompletionSource _pending = NewSource();

    public void Signal() => Volatile.Read(ref _pending).TrySetResult();

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    /// <exception cref="OperationCanceledException">when <paramref name="ct"/> is cancelled first.</exception>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var pending = Volatile.Read(ref _pending);
        if (!pending.Task.IsCompleted)
        {
            await pending.Task.WaitAsync(timeout, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }

        if (pending.Task.IsCompleted)
        {
            // Consumed: signals from now on complete the fresh source and wake the next wait.
            Interlocked.CompareExchange(ref _pending, NewSource(), pending);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The wake-ups of the router and the dispatcher in this process.</summary>
public sealed class PipelineSignals
{
    public Wakeup Routing { get; } = new();

    public Wakeup Dispatch { get; } = new();
}
