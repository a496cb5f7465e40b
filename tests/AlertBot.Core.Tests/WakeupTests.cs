using AlertBot.Core.Events;
using System.Collections.Concurrent;
using System.Diagnostics;
using AlertBot.Core.Delivery;

namespace AlertBot.Core.Tests;

/// <summary>
/// The wake-up of the router and the dispatcher: confirmations and routing signal it from request threads while the
/// worker loop waits with its poll interval as timeout.
/// </summary>
public sealed class WakeupTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Signals_racing_timed_out_waits_never_throw_at_the_signaller()
    {
        var wakeup = new Wakeup();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var signallers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    wakeup.Signal();
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        var waits = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            // A loop polling with tiny timeouts: every timed-out wait races the signallers.
            while (clock.Elapsed < TimeSpan.FromSeconds(2) && failures.IsEmpty)
            {
                await wakeup.WaitAsync(waits % 2 == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(1), CancellationToken.None);
                waits++;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(signallers);
        }

        Assert.True(failures.IsEmpty, $"Signal threw after {waits} waits: {failures.FirstOrDefault()}");
        Assert.True(waits > 1000, $"only {waits} waits ran");

        // Still working after the storm: a signal after the wait started wakes it.
        var wait = WaitPastPendingSignalAsync(wakeup);
        wakeup.Signal();
        await wait.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_signal_after_the_wait_started_always_wakes_it()
    {
        var wakeup = new Wakeup();
        for (var i = 0; i < 2000; i++)
        {
            var wait = wakeup.WaitAsync(Long, CancellationToken.None);
            Assert.False(wait.IsCompleted, $"round {i}: the wait returned before any signal");
            var signaller = Task.Run(wakeup.Signal);
            var finished = await Task.WhenAny(wait, Task.Delay(Bound));
            Assert.True(finished == wait, $"round {i}: the signal did not wake the wait");
            await signaller;
        }
    }

    [Fact]
    public async Task Signals_before_a_wait_coalesce_into_one_wake()
    {
        var wakeup = new Wakeup();
        for (var i = 0; i < 100; i++)
        {
            wakeup.Signal();
        }

        await wakeup.WaitAsync(Long, CancellationToken.None).WaitAsync(Bound);

        var second = wakeup.WaitAsync(Long, CancellationToken.None);
        Assert.False(second.IsCompleted, "a second wait returned although the signals were consumed by the first");
        wakeup.Signal();
        await second.WaitAsync(Bound);
    }

    [Fact]
    public async Task Concurrent_signallers_while_waiting_always_wake_the_loop()
    {
        var wakeup = new Wakeup();
        var failures = new ConcurrentQueue<Exception>();
        for (var i = 0; i < 500; i++)
        {
            var wait = WaitPastPendingSignalAsync(wakeup);
            var signallers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                try
                {
                    wakeup.Signal();
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            })).ToArray();
            var finished = await Task.WhenAny(wait, Task.Delay(Bound));
            Assert.True(finished == wait, $"round {i}: four signals did not wake the wait");
            await Task.WhenAll(signallers);
            // Wakes left over from this round's later signals return at once; the loop would just poll once more.
            await wakeup.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it_with_cancellation()
    {
        var wakeup = new Wakeup();
        using var cts = new CancellationTokenSource();
        var wait = wakeup.WaitAsync(Long, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Bound));
    }

    /// <summary>Starts a wait that is pending (a left-over signal from earlier is consumed first).</summary>
    private static Task WaitPastPendingSignalAsync(Wakeup wakeup)
    {
        var wait = wakeup.WaitAsync(Long, CancellationToken.None);
        if (wait.IsCompleted)
        {
            wait = wakeup.WaitAsync(Long, CancellationToken.None);
        }

        Assert.False(wait.IsCompleted, "a wait returned with no signal pending");
        return wait;
    }
}
