namespace AlertBot.Core.Delivery;

/// <summary>
/// Wakes a worker loop early when this process made new work (a confirmation, a routed event); other processes find
/// the work by polling. Signals coalesce: many signals before a wait wake it once.
/// </summary>
public sealed class Wakeup : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _signalled;

    public void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _semaphore.WaitAsync(timeout, ct);
        Interlocked.Exchange(ref _signalled, 0);
    }

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>The wake-ups of the router and the dispatcher in this process.</summary>
public sealed class DeliverySignals : IDisposable
{
    public Wakeup Routing { get; } = new();

    public Wakeup Dispatch { get; } = new();

    public void Dispose()
    {
        Routing.Dispose();
        Dispatch.Dispose();
    }
}
