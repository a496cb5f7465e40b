using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Alerts;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Telegram;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>
/// The real executable broadcasting to Telegram's fake through a storm: a tenth of the sends fail (502s and resets),
/// every 150th is a flood wait (429 with retry_after) that holds the whole bot, and the process is killed (SIGKILL)
/// in the middle and started again on the same database.
/// </summary>
public sealed class TelegramCrashTests(ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_broadcast_through_a_429_storm_and_a_kill_reaches_every_chat_with_duplicates_within_the_sends_in_flight(string provider)
    {
        const int chats = 1500;
        const int rate = 150;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeTelegramServer.StartAsync();
        fake.Limits = new FakeTelegramLimits(MessagesPerSecond: rate);
        fake.RandomFaults = new FakeTelegramRandomFaults(Rate: 0.10, Seed: 13, StormEvery: 150, RetryAfterSeconds: 1);
        for (var i = 0; i < chats; i++)
        {
            fake.AddUser(500_000 + i); // the seeded chats "500000" … (prefix 5, five digits)
        }

        var factory = RunningBot.Factory(database);
        string[] settings =
        [
            $"--Telegram:BotToken={fake.Token}",
            $"--Telegram:ApiBaseUrl={fake.BaseUrl}",
            "--Telegram:PollTimeoutSeconds=1",
            $"--Telegram:MessagesPerSecond={rate}",
            $"--Delivery:Concurrency={Concurrency}",
            "--Delivery:BatchSize=50",
            "--Delivery:LeaseSeconds=5",
            "--Delivery:RetryBaseSeconds=1",
            "--Delivery:RetryMaxSeconds=2",
            "--Delivery:MaxAttempts=20",
        ];

        await using (var first = await RunningBot.StartAsync(database, settings))
        {
            await RunningBot.SeedSubscribersAsync(factory, chats, chatPrefix: "5", platform: "telegram");
            await first.ConfirmMayadinShellingAsync();
            await Alerts.Alerts.UntilAsync(() => Task.FromResult(Accepted(fake).Count >= chats / 4), TimeSpan.FromSeconds(120), "a quarter of the broadcast");
            await first.KillAsync();
        }

        var atKill = Accepted(fake).Count;
        Assert.True(atKill < chats, "the broadcast was interrupted");

        await using var second = await RunningBot.StartAsync(database, settings);
        await Alerts.Alerts.UntilAsync(async () =>
        {
            await using var db = factory.Create();
            return !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending);
        }, TimeSpan.FromSeconds(240), "the rest of the broadcast");

        var perChat = Accepted(fake).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = perChat.Values.Sum(n => n - 1);
        var faults = fake.RandomFaultCounts;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: killed after {atKill} of {chats}; faults {string.Join(", ", faults.Select(f => $"{f.Key} {f.Value}"))}; 429 answers {fake.TooManyRequests}; sends arriving in a retry_after window {fake.SentDuringRetryAfter}; duplicates {duplicates}"));
        Assert.Equal(chats, perChat.Count); // nothing lost
        // Only what was in flight at the kill: the dispatcher commits sends' results in groups, but each send waits for its
        // own commit before taking the next row, so "sent, not yet recorded" never exceeds the sends in flight.
        Assert.InRange(duplicates, 0, Concurrency);
        Assert.True(faults.GetValueOrDefault(FakeTelegramFaultKind.ServerError) > 0 && faults.GetValueOrDefault(FakeTelegramFaultKind.Reset) > 0, "the storm had both kinds of fault");
        Assert.True(faults.GetValueOrDefault(FakeTelegramFaultKind.TooManyRequests) >= 3, "several flood waits");

        // After a 429 the bot holds every send until retry_after has passed: what still arrived in the window was already
        // on its way when the 429 came back (at most the sends in flight, per flood wait).
        Assert.InRange(fake.SentDuringRetryAfter, 0, Concurrency * fake.TooManyRequests);
        await using (var db = factory.Create())
        {
            Assert.Equal(chats, await db.Outbox.CountAsync(o => o.State == OutboxState.Sent));
            Assert.Equal(0, await db.Outbox.CountAsync(o => o.State == OutboxState.Dead));
        }
    }

    /// <summary>The chat of every sendMessage the fake accepted, in order.</summary>
    private static List<string> Accepted(FakeTelegramServer fake) =>
        [.. fake.CallsTo("sendMessage").Where(c => c.Status == 200).Select(c => c.Parameters["chat_id"]!.ToString())];
}
