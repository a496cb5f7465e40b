using AlertBot.Core.Storage;
using AlertBot.Core.Events;
using AlertBot.Core.Delivery;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AlertBot.IntegrationTests.Alerts;

/// <summary>The real executable killed (SIGKILL) at the worst moments, then started again on the same database.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Killed_after_routing_and_before_dispatch_the_alert_is_delivered_once_after_restart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = RunningBot.Factory(database);
        long eventId;
        await using (var first = await RunningBot.StartAsync(database, "--Delivery:Dispatch=false"))
        {
            await RunningBot.SeedSubscribersAsync(factory, 3);
            eventId = await first.ConfirmMayadinShellingAsync();
            await Alerts.UntilAsync(async () =>
            {
                await using var db = factory.Create();
                return await db.RoutingTasks.AnyAsync(t => t.EventId == eventId && t.DoneAt != null);
            }, TimeSpan.FromSeconds(30), "the event to be routed");
            await first.KillAsync();
        }

        await using (var db = factory.Create())
        {
            Assert.Equal(3, await db.Outbox.CountAsync(o => o.SubjectId == eventId && o.State == OutboxState.Pending));
            Assert.Equal(0, await db.SandboxMessages.CountAsync());
        }

        await using var second = await RunningBot.StartAsync(database);
        await Alerts.UntilAsync(async () => await RunningBot.SentCountAsync(factory) == 3, TimeSpan.FromSeconds(30), "three alerts");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate would show up now
        var perChat = await RunningBot.MessagesPerChatAsync(factory);
        Assert.Equal(3, perChat.Count);
        Assert.All(perChat.Values, n => Assert.Equal(1, n));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Killed_in_the_middle_of_a_10000_recipient_broadcast_every_recipient_gets_it_and_duplicates_stay_within_the_sends_in_flight(string provider)
    {
        const int recipients = 10_000;
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = RunningBot.Factory(database);
        string[] settings =
        [
            "--Sandbox:MessagesPerSecond=100000",
            $"--Delivery:Concurrency={Concurrency}",
            "--Delivery:BatchSize=50",
            "--Delivery:LeaseSeconds=5",
        ];
        await using (var first = await RunningBot.StartAsync(database, settings))
        {
            await RunningBot.SeedSubscribersAsync(factory, recipients);
            await first.ConfirmMayadinShellingAsync();
            await Alerts.UntilAsync(async () => await RunningBot.SentCountAsync(factory) >= recipients / 4, TimeSpan.FromSeconds(120), "a quarter of the broadcast");
            await first.KillAsync();
        }

        var atKill = await RunningBot.SentCountAsync(factory);
        Assert.True(atKill < recipients, "the broadcast was interrupted");

        await using var second = await RunningBot.StartAsync(database, settings);
        await Alerts.UntilAsync(async () =>
        {
            await using var db = factory.Create();
            return !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending);
        }, TimeSpan.FromSeconds(240), "the rest of the broadcast");

        var perChat = await RunningBot.MessagesPerChatAsync(factory);
        var duplicates = perChat.Values.Sum(n => n - 1);
        output.WriteLine($"{provider}: killed after {atKill} of {recipients} alerts; after restart every chat has it; {duplicates} duplicate(s) (bound: {Concurrency} sends in flight)");
        Assert.Equal(recipients, perChat.Count);
        Assert.InRange(duplicates, 0, Concurrency);
        await using (var db = factory.Create())
        {
            Assert.Equal(recipients, await db.Outbox.CountAsync(o => o.State == OutboxState.Sent));
        }
    }
}
