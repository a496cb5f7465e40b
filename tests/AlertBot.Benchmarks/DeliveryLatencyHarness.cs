using System.Diagnostics;
using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AlertBot.Benchmarks;

/// <summary>
/// Confirm → first message handed to the platform, and → all N sent. The bot's registrations run in a Generic Host with
/// its hosted services (routing worker, dispatcher, samplers) started; the sandbox limits are raised so that they do not
/// pace the run. Each round adds a pending event, confirms it with <see cref="ModerationService.ConfirmAsync"/> in a
/// scope, and waits for the N sends, then for the outbox to settle. Times are taken in-process with
/// <see cref="Stopwatch"/>: from just before <c>ConfirmAsync</c> to the moment the dispatcher calls the platform's
/// <c>SendAsync</c> (a pass-through wrapper around the sandbox platform records it; no polling).
/// </summary>
internal static class DeliveryLatencyHarness
{
    public static async Task<int> RunAsync(string provider, int subscribers, int rounds, int warmup, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:MessagesPerSecond"] = "100000",
            ["Sandbox:ChatMessagesPerSecond"] = "1000",
            ["Sandbox:GroupMessagesPerMinute"] = "100000",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        await using var database = await BenchDatabase.CreateAsync(provider);
        var probe = new SendProbe();
        using var host = BenchHost.Build(database, settings, services =>
        {
            services.RemoveAll<IChatPlatform>();
            services.AddSingleton<IChatPlatform>(sp => new ProbedPlatform(sp.GetRequiredService<SandboxPlatform>(), probe));
        });
        var dbFactory = host.Services.GetRequiredService<AlertBotDbFactory>();
        await dbFactory.MigrateAsync(CancellationToken.None);
        await BenchHost.SeedAsync(dbFactory, subscribers, withNonMatching: true);
        await host.StartAsync();

        var first = new List<double>();
        var all = new List<double>();
        var confirm = new List<double>();
        for (var round = 0; round < warmup + rounds; round++)
        {
            var eventId = await BenchHost.AddEventAsync(dbFactory, EventStatus.Pending);
            probe.Arm(subscribers);
            var started = Stopwatch.GetTimestamp();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var result = await scope.ServiceProvider.GetRequiredService<ModerationService>().ConfirmAsync(eventId, "bench:moderator", CancellationToken.None);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Failure!.Message);
                }
            }

            var confirmed = Stopwatch.GetTimestamp();
            var done = await probe.Done.WaitAsync(TimeSpan.FromMinutes(5));
            await SettleAsync(dbFactory);
            if (round >= warmup)
            {
                confirm.Add(Stopwatch.GetElapsedTime(started, confirmed).TotalMilliseconds);
                first.Add(Stopwatch.GetElapsedTime(started, probe.First).TotalMilliseconds);
                all.Add(Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
            }
        }

        var stats = host.Services.GetRequiredService<SandboxFaults>().Stats();
        await using (var db = dbFactory.Create())
        {
            var dead = await db.Outbox.CountAsync(o => o.State != OutboxState.Sent);
            var sent = await db.SentMessages.CountAsync();
            Console.WriteLine($"Sandbox accepted {stats.Accepted:N0}, rate-limited {stats.RateLimited}, over limit {stats.OverLimit}; registry rows {sent:N0}; outbox rows not sent {dead}");
        }

        await host.StopAsync();

        var n = subscribers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Provider {provider}, {n:N0} subscribers, {rounds} confirmations after {warmup} warm-up
              ConfirmAsync call:       p50 {P(confirm, 50):0.0} ms   p99 {P(confirm, 99):0.0} ms
              Confirm → first send:    p50 {P(first, 50):0.0} ms   p99 {P(first, 99):0.0} ms   max {first.Max():0.0} ms
              Confirm → all {n:N0} sent: p50 {P(all, 50):0.0} ms   p99 {P(all, 99):0.0} ms   → {n / (P(all, 50) / 1000):N0} msgs/s at p50
            """));
        return 0;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static async Task SettleAsync(AlertBotDbFactory dbFactory)
    {
        while (true)
        {
            await using var db = dbFactory.Create();
            if (!await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending) && !await db.RoutingTasks.AnyAsync(t => t.DoneAt == null))
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Timestamps of the sends of one round: the first call to the platform, and the N-th completed send.</summary>
    private sealed class SendProbe
    {
        private long _first;
        private int _left;
        private TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long First => Interlocked.Read(ref _first);

        public Task<long> Done => _done.Task;

        public void Arm(int expected)
        {
            Interlocked.Exchange(ref _first, 0);
            _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _left, expected);
        }

        public void Called() => Interlocked.CompareExchange(ref _first, Stopwatch.GetTimestamp(), 0);

        public void Sent()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                _done.TrySetResult(Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>The sandbox platform with a probe on <see cref="SendAsync"/>; everything else passes through.</summary>
    private sealed class ProbedPlatform(SandboxPlatform inner, SendProbe probe) : IChatPlatform
    {
        public string Name => inner.Name;

        public PlatformMarkup Markup => inner.Markup;

        public ChatCapabilities Capabilities => inner.Capabilities;

        public ISendGate Gate => inner.Gate;

        public ChatRef? PrivateChatWith(string userId) => inner.PrivateChatWith(userId);

        public async Task<string> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct)
        {
            probe.Called();
            var id = await inner.SendAsync(chat, message, ct);
            probe.Sent();
            return id;
        }

        public Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct) => inner.EditAsync(chat, messageId, message, ct);

        public Task DeleteAsync(ChatRef chat, string messageId, CancellationToken ct) => inner.DeleteAsync(chat, messageId, ct);

        public Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct) => inner.AnswerButtonAsync(pressId, notice, ct);

        public Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct) => inner.GetMemberRightsAsync(chat, userId, ct);
    }
}
