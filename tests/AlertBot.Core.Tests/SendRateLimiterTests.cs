using AlertBot.Core.Platforms;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.Core.Tests;

/// <summary>
/// The fixed-class gate: a bot's gate lets a conversation's few replies through at once and spaces a broadcast's sends
/// evenly; a server-side one lets the window fill at once.
/// </summary>
public sealed class SendRateLimiterTests
{
    private static readonly PlatformLimits Telegram = PlatformLimits.Telegram;
    private static readonly TimeSpan Spacing = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 30);

    [Fact]
    public void A_paced_gate_lets_half_the_limit_through_at_once_then_spaces_sends_a_thirtieth_of_a_second_apart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var gate = new SendRateLimiter(Telegram, clock, paced: true);
        var sentAt = new List<DateTimeOffset>();

        for (var chat = 0; sentAt.Count < 90; chat++)
        {
            var wait = gate.TryReserve("c" + chat, ChatKind.Private);
            if (wait > TimeSpan.Zero)
            {
                Assert.True(wait <= TimeSpan.FromSeconds(1), $"a wait of {wait.TotalMilliseconds} ms");
                clock.Advance(wait);
                Assert.Equal(TimeSpan.Zero, gate.TryReserve("c" + chat, ChatKind.Private));
            }

            sentAt.Add(clock.GetUtcNow());
        }

        Assert.All(sentAt.Take(15), t => Assert.Equal(sentAt[0], t)); // a conversation's replies never wait
        Assert.All(sentAt.Skip(15).Zip(sentAt.Skip(16)), p => Assert.True(p.Second - p.First >= Spacing));
        Assert.All(sentAt, t => Assert.True(sentAt.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)) <= 30));
        Assert.InRange((sentAt[^1] - sentAt[0]).TotalSeconds, 2.4, 3.0); // the whole limit is used
    }

    [Fact]
    public void A_sender_that_wakes_late_does_not_push_the_later_slots_back_and_the_window_still_holds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var gate = new SendRateLimiter(Telegram, clock, paced: true);
        var sentAt = new List<DateTimeOffset>();

        // Every sender wakes 10 ms after its slot: the slots stay on the 1/30 s cadence (the one-second window adds the
        // lateness once per 30 sends, not once per send), so the rate stays within 2 % of the limit.
        for (var i = 0; i < 120; i++)
        {
            var wait = gate.TryReserve("c" + i, ChatKind.Private);
            if (wait > TimeSpan.Zero)
            {
                clock.Advance(wait + TimeSpan.FromMilliseconds(10));
                Assert.Equal(TimeSpan.Zero, gate.TryReserve("c" + i, ChatKind.Private));
            }

            sentAt.Add(clock.GetUtcNow());
        }

        var steady = sentAt.Skip(30).ToList(); // past the first second's start
        Assert.InRange((steady[^1] - steady[0]).TotalMilliseconds, ((steady.Count - 1) * Spacing).TotalMilliseconds, ((steady.Count - 1) * Spacing).TotalMilliseconds * 1.02);
        Assert.All(sentAt, t => Assert.True(sentAt.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)) <= 30));
    }

    [Fact]
    public void Senders_waiting_for_a_paced_gate_together_are_given_turns_half_a_spacing_apart_and_every_slot_is_taken()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var gate = new SendRateLimiter(Telegram, clock, paced: true);
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(TimeSpan.Zero, gate.TryReserve("c" + i, ChatKind.Private));
        }

        // Eight senders ask at the same moment: each is told a different time to come back, half a spacing after the
        // other, instead of all being told the next slot (and all coming back to fight over it).
        var turns = Enumerable.Range(100, 8).Select(i => (Chat: "c" + i, At: clock.GetUtcNow() + gate.TryReserve("c" + i, ChatKind.Private))).ToList();
        Assert.All(turns.Zip(turns.Skip(1)), p => Assert.InRange(p.Second.At - p.First.At, Spacing / 2, Spacing / 2 + TimeSpan.FromTicks(1)));

        // Coming back at their turns (a sender whose slot was just taken is told a later turn), they are sent one
        // spacing apart, none sooner: every slot is used and the cadence holds.
        var waiting = new PriorityQueue<string, DateTimeOffset>(turns.Select(t => (t.Chat, t.At)));
        var sentAt = new List<DateTimeOffset>();
        while (waiting.TryDequeue(out var chat, out var at))
        {
            clock.Advance(at > clock.GetUtcNow() ? at - clock.GetUtcNow() : TimeSpan.Zero);
            var wait = gate.TryReserve(chat, ChatKind.Private);
            if (wait > TimeSpan.Zero)
            {
                waiting.Enqueue(chat, clock.GetUtcNow() + wait);
            }
            else
            {
                sentAt.Add(clock.GetUtcNow());
            }
        }

        Assert.Equal(8, sentAt.Count);
        Assert.All(sentAt.Zip(sentAt.Skip(1)), p => Assert.InRange(p.Second - p.First, Spacing, Spacing + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void An_unpaced_gate_lets_the_whole_window_through_at_once_then_waits_for_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var gate = new SendRateLimiter(Telegram, clock);

        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(TimeSpan.Zero, gate.TryReserve("c" + i, ChatKind.Private)));
        Assert.Equal(TimeSpan.FromSeconds(1), gate.TryReserve("c30", ChatKind.Private));
    }
}
