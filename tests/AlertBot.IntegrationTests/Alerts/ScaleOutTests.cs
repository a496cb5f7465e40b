using System.Collections.Concurrent;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.IntegrationTests.Alerts;

/// <summary>Several processes on one database: every outbox row is sent once, by one dispatcher at a time.</summary>
public sealed class ScaleOutTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claimers_racing_on_one_outbox_never_take_the_same_row(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = RunningBot.Factory(database);
        await factory.MigrateAsync(CancellationToken.None);
        await RunningBot.SeedSubscribersAsync(factory, 1000);
        long eventId;
        await using (var db = factory.Create())
        {
            var e = new Event { Status = EventStatus.Confirmed, EventTypes = ["shelling"], PlaceIds = [Alerts.AlMayadin], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
            var recipients = await db.Recipients.Select(r => r.Id).ToListAsync();
            Assert.Equal(1000, await OutboxWriter.AddAlertsAsync(db, eventId, recipients, DateTimeOffset.UtcNow, CancellationToken.None));
        }

        var taken = new ConcurrentBag<(string Owner, long Id)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var owner = $"claimer-{n}";
            await start.Task;
            while (true)
            {
                await using var db = factory.Create();
                var rows = await OutboxClaims.ClaimAsync(db, owner, 25, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, CancellationToken.None);
                if (rows.Count == 0)
                {
                    return;
                }

                foreach (var row in rows)
                {
                    taken.Add((owner, row.Id));
                }

                // Sending takes time; meanwhile the other claimers take their own rows.
                await Task.Delay(10);
                var ids = rows.Select(r => r.Id).ToList();
                await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OutboxState.Sent));
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(claimers);

        Assert.Equal(1000, taken.Count);
        Assert.Equal(1000, taken.Select(t => t.Id).Distinct().Count());
        Assert.True(taken.Select(t => t.Owner).Distinct().Count() > 1, "the claimers ran side by side");
    }

    [SkippableFact]
    public async Task Two_hosts_on_one_PostgreSQL_deliver_every_row_exactly_once_and_the_standby_takes_over_from_a_dead_leader()
    {
        await using var database = await TestDatabase.CreateAsync("PostgreSql");
        var factory = RunningBot.Factory(database);
        string[] settings = ["--Sandbox:MessagesPerSecond=100000", "--Sandbox:ChatMessagesPerSecond=10"];
        await using var a = await RunningBot.StartAsync(database, settings);
        await using var b = await RunningBot.StartAsync(database, settings);
        await RunningBot.SeedSubscribersAsync(factory, 1000);

        await a.ConfirmMayadinShellingAsync();
        await Alerts.UntilAsync(async () => await RunningBot.SentCountAsync(factory) == 1000, TimeSpan.FromSeconds(180), "1,000 alerts");
        await Task.Delay(TimeSpan.FromSeconds(2)); // any duplicate would arrive now
        var perChat = await RunningBot.MessagesPerChatAsync(factory);
        Assert.Equal(1000, perChat.Count);
        Assert.All(perChat.Values, n => Assert.Equal(1, n));

        // Exactly one of the two leads the dispatch; the other stands by.
        static bool Leads(RunningBot bot) => bot.Process.Stderr.Contains("now dispatches the outbox", StringComparison.Ordinal);
        Assert.True(Leads(a) ^ Leads(b), $"exactly one leader: a={Leads(a)}, b={Leads(b)}");
        var (leader, standby) = Leads(a) ? (a, b) : (b, a);

        // The leader dies; the next event, confirmed on the survivor, still reaches everyone exactly once.
        await leader.KillAsync();
        await standby.ConfirmAsync(new
        {
            source = "Deir Press",
            title = "Drone attack on al-Mayadin",
            text = "A drone attack targeted a position in the city of al-Mayadin in the eastern Deir ez-Zor countryside on Sunday night.",
            language = "en",
            publishedAt = Events.Reports.Morning.AddDays(4),
        });
        await Alerts.UntilAsync(async () => await RunningBot.SentCountAsync(factory) == 2000, TimeSpan.FromSeconds(180), "the second 1,000 alerts");
        await standby.Process.WaitForLogAsync(l => l.Contains("now dispatches the outbox", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        perChat = await RunningBot.MessagesPerChatAsync(factory);
        Assert.All(perChat.Values, n => Assert.Equal(2, n));
        await using (var db = factory.Create())
        {
            Assert.Equal(2000, await db.Outbox.CountAsync(o => o.State == OutboxState.Sent));
        }
    }
}
