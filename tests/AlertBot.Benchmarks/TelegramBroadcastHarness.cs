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
    public static async Task<int> RunAsync(string provider, int privateChats, int groups, IReadOnlyDictionary<string, string?> overrides)
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
        var chats = await SeedAsync(dbFactory, privateChats, groups);
        foreach (var chat in chats)
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
        var eventId = await BenchHost.AddEventAsync(dbFactory, EventStatus.Pending);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ModerationService>().ConfirmAsync(eventId, "bench:moderator", CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Failure!.Message);
            }
        }

        var expected = chats.Count;
        while (fake.CallsTo("sendMessage").Count(c => c.Status == 200) < expected || await PendingAsync(dbFactory))
        {
            await Task.Delay(200);
        }

        await host.StopAsync();
        var accepted = fake.CallsTo("sendMessage").Where(c => c.Status == 200).OrderBy(c => c.At).ToList();
        var seconds = (accepted[^1].At - accepted[0].At).TotalSeconds;
        var rate = (accepted.Count - 1) / seconds;
        // The sustained rate: the middle 80 % of the accepted sends (the first tenth includes the start's JIT and the
        // claim of the first batch, the last tenth the senders running out of rows), and the sends of each whole second.
        var tenth = accepted.Count / 10;
        var middle = (accepted[^(tenth + 1)].At - accepted[tenth].At).TotalSeconds;
        var sustained = (accepted.Count - 2 * tenth - 1) / middle;
        var perSecond = accepted.GroupBy(c => (int)(c.At - accepted[0].At).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture));
        var perChat = fake.AllMessages.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var lost = chats.Count(c => !perChat.ContainsKey(c));
        var duplicated = perChat.Count(kv => kv.Value > 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Provider {provider}, {privateChats:N0} private chats + {groups:N0} groups, {(paid ? "paid broadcast" : "free")}: the bot keeps {limit}/s, the fake enforces Telegram's {telegramLimit}/s
              accepted {accepted.Count:N0} in {seconds:0.0} s → {rate:0.0} msgs/s = {100 * rate / limit:0.0}% of the bot's limit, {100 * rate / telegramLimit:0.0}% of Telegram's
              sustained (middle 80 % of the sends) {sustained:0.0} msgs/s = {100 * sustained / limit:0.0}% of the bot's limit; per second from the first: {string.Join(" ", perSecond)}
              429 answers {fake.TooManyRequests}, sends during a retry_after {fake.SentDuringRetryAfter}, lost {lost}, duplicated {duplicated}
            """));
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static async Task<bool> PendingAsync(AlertBotDbFactory dbFactory)
    {
        await using var db = dbFactory.Create();
        return await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending) || await db.RoutingTasks.AnyAsync(t => t.DoneAt == null);
    }

    /// <summary>Telegram recipients subscribed to al-Mayadin shelling: private chats 1,000,000,001… and groups −1,000,000,001….</summary>
    private static async Task<List<long>> SeedAsync(AlertBotDbFactory dbFactory, int privateChats, int groups)
    {
        var ids = Enumerable.Range(1, privateChats).Select(i => 1_000_000_000L + i).Concat(Enumerable.Range(1, groups).Select(i => -1_000_000_000L - i)).ToList();
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
                PlaceId = BenchHost.AlMayadin,
                EventType = "shelling",
                Mode = Core.Routing.DeliveryMode.Instant,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        return ids;
    }
}
