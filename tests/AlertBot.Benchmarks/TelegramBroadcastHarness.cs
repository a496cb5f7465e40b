using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Telegram;
using AlertBot.TestSupport.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlertBot.Benchmarks;

/// <summary>
/// One alert broadcast to <c>privateChats</c> private chats and <c>groups</c> groups on Telegram, through the real adapter
/// against <see cref="FakeTelegramServer"/> enforcing Telegram's limits (the bot-wide rate set by
/// <c>Telegram:MessagesPerSecond</c>, or the paid rate with <c>--Telegram:PaidBroadcast=true</c>). Reports the rate
/// between the first and the last accepted send and the sustained rate over the middle 80 % of them, as shares of the
/// configured limit, the accepted sends of each second, the 429 answers, and chats that
/// got nothing (lost) or more than one message (duplicated).
/// </summary>
internal static class TelegramBroadcastHarness
{
    public static async Task<int> RunAsync(string provider, int privateChats, int groups, int warmUpChats, IReadOnlyDictionary<string, string?> overrides)
    {
        await using var fake = await FakeTelegramServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = fake.Token,
            ["Telegram:ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["Telegram:PollTimeoutSeconds"] = "5",
            ["Delivery:PollMilliseconds"] = "200",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var paid = configuration.GetValue<bool>("Telegram:PaidBroadcast");
        var limit = paid ? configuration.GetValue("Telegram:PaidMessagesPerSecond", 1000) : configuration.GetValue("Telegram:MessagesPerSecond", 30);
        // The fake enforces Telegram's own limits (30 a second, 1,000 paid) whatever the bot is set to keep.
        var telegramLimit = paid ? 1000 : 30;

        await using var database = await BenchDatabase.CreateAsync(provider);
        using var host = BenchHost.Build(database, settings, services => services.AddTelegram(configuration));
        var dbFactory = host.Services.GetRequiredService<AlertBotDbFactory>();
        await dbFactory.MigrateAsync(CancellationToken.None);
        var chats = await SeedAsync(dbFactory, privateChats, groups, BenchHost.AlMayadin, 1_000_000_000L);
        var warmUp = await SeedAsync(dbFactory, warmUpChats, 0, BenchHost.AlTanf, 2_000_000_000L);
        foreach (var chat in chats.Concat(warmUp))
        {
            if (chat > 0)
            {
                fake.AddUser(chat);
            }
            else
            {
                fake.AddChat(chat, "supergroup", "Group " + chat.ToString(CultureInfo.InvariantCulture));
            }
        }

        await host.StartAsync();

        // A warm-up broadcast (to other chats, about another place) first, as a running bot would have had: the
        // measured one then shows the sustained rate, not the JIT's first compilations. Then more than a second's pause,
        // so that none of its sends count in the fake's window when the measured broadcast starts.
        if (warmUp.Count > 0)
        {
            await BroadcastAsync(host, fake, dbFactory, BenchHost.AlTanf, warmUp.Count);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        var started = DateTimeOffset.UtcNow;
        await BroadcastAsync(host, fake, dbFactory, BenchHost.AlMayadin, warmUp.Count + chats.Count);
        await host.StopAsync();
        var accepted = fake.CallsTo("sendMessage").Where(c => c.Status == 200 && c.At >= started).OrderBy(c => c.At).ToList();
        var seconds = (accepted[^1].At - accepted[0].At).TotalSeconds;
        var rate = (accepted.Count - 1) / seconds;
        // The sustained rate: the middle 80 % of the accepted sends (the first tenth includes the start's JIT and the
        // claim of the first batch, the last tenth the senders running out of rows), and the sends of each whole second.
        var tenth = accepted.Count / 10;
        var middle = (accepted[^(tenth + 1)].At - accepted[tenth].At).TotalSeconds;
        var sustained = (accepted.Count - 2 * tenth - 1) / middle;
        var counts = accepted.GroupBy(c => (int)(c.At - accepted[0].At).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        var perSecond = counts.Count <= 30
            ? string.Join(" ", counts)
            : string.Create(CultureInfo.InvariantCulture, $"{counts.Count} seconds, whole seconds min {counts.Skip(1).SkipLast(1).Min()} median {counts.Skip(1).SkipLast(1).Order().ElementAt((counts.Count - 2) / 2)} max {counts.Max()}");
        var perChat = fake.AllMessages.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var lost = chats.Concat(warmUp).Count(c => !perChat.ContainsKey(c));
        var duplicated = perChat.Count(kv => kv.Value > 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Provider {provider}, {privateChats:N0} private chats + {groups:N0} groups (after a warm-up broadcast to {warmUp.Count:N0} others), {(paid ? "paid broadcast" : "free")}: the bot keeps {limit}/s, the fake enforces Telegram's {telegramLimit}/s
              accepted {accepted.Count:N0} in {seconds:0.0} s → {rate:0.0} msgs/s = {100 * rate / limit:0.0}% of the bot's limit, {100 * rate / telegramLimit:0.0}% of Telegram's
              sustained (middle 80 % of the sends) {sustained:0.0} msgs/s = {100 * sustained / limit:0.0}% of the bot's limit; per second from the first: {perSecond}
              429 answers {fake.TooManyRequests}, sends during a retry_after {fake.SentDuringRetryAfter}, lost {lost}, duplicated {duplicated}
            """));
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    /// <summary>Confirms a new shelling event at <paramref name="placeId"/> and waits until the fake accepted <paramref name="acceptedInAll"/> messages and the outbox settled.</summary>
    private static async Task BroadcastAsync(IHost host, FakeTelegramServer fake, AlertBotDbFactory dbFactory, string placeId, int acceptedInAll)
    {
        var eventId = await BenchHost.AddEventAsync(dbFactory, EventStatus.Pending, placeId);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ModerationService>().ConfirmAsync(eventId, "bench:moderator", CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Failure!.Message);
            }
        }

        while (fake.CallsTo("sendMessage").Count(c => c.Status == 200) < acceptedInAll || await PendingAsync(dbFactory))
        {
            await Task.Delay(200);
        }
    }

    private static async Task<bool> PendingAsync(AlertBotDbFactory dbFactory)
    {
        await using var db = dbFactory.Create();
        return await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending) || await db.RoutingTasks.AnyAsync(t => t.DoneAt == null);
    }

    /// <summary>Telegram recipients subscribed to shelling at <paramref name="placeId"/>: private chats <paramref name="firstId"/>+1… and groups −(<paramref name="firstId"/>+1)….</summary>
    private static async Task<List<long>> SeedAsync(AlertBotDbFactory dbFactory, int privateChats, int groups, string placeId, long firstId)
    {
        var ids = Enumerable.Range(1, privateChats).Select(i => firstId + i).Concat(Enumerable.Range(1, groups).Select(i => -firstId - i)).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in ids.Chunk(2000))
        {
            await using var db = dbFactory.Create();
            var recipients = chunk.Select(id => new Recipient
            {
                Platform = TelegramPlatform.PlatformName,
                ChatId = id.ToString(CultureInfo.InvariantCulture),
                Kind = id > 0 ? Core.Platforms.ChatKind.Private : Core.Platforms.ChatKind.Group,
                Language = ChatLanguage.Both,
                CreatedAt = now,
            }).ToList();
            db.Recipients.AddRange(recipients);
            await db.SaveChangesAsync();
            db.Subscriptions.AddRange(recipients.Select(r => new Core.Routing.Subscription
            {
                RecipientId = r.Id,
                PlaceId = placeId,
                EventType = "shelling",
                Mode = Core.Routing.DeliveryMode.Instant,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        return ids;
    }
}
