using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Discord;
using AlertBot.TestSupport.Discord;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlertBot.Benchmarks;

/// <summary>
/// One alert broadcast to <c>dms</c> people (each a DM channel opened first) and <c>channels</c> server channels on
/// Discord, through the real adapter against <see cref="FakeDiscordServer"/> enforcing Discord's limits (50 requests a
/// second bot-wide, 5 messages per 5 s per channel, 50 DM opens a second). Reports the sustained request rate between
/// the first and the last accepted request as a share of the global limit, the 429 answers, and recipients that got
/// nothing (lost) or more than one message (duplicated).
/// </summary>
internal static class DiscordBroadcastHarness
{
    public static async Task<int> RunAsync(string provider, int dms, int channels, IReadOnlyDictionary<string, string?> overrides)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        fake.Limits = new FakeDiscordLimits();
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = fake.Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:PublicKey"] = fake.PublicKey,
            ["Discord:Mode"] = "Interactions",
            ["Delivery:PollMilliseconds"] = "200",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var keeps = configuration.GetValue("Discord:GlobalRequestsPerSecond", 50);
        var discordLimit = fake.Limits.GlobalPerSecond;

        await using var database = await BenchDatabase.CreateAsync(provider);
        using var host = BenchHost.Build(database, settings, services => services.AddDiscord(configuration));
        var dbFactory = host.Services.GetRequiredService<AlertBotDbFactory>();
        await dbFactory.MigrateAsync(CancellationToken.None);
        var (people, rooms) = await SeedAsync(dbFactory, dms, channels);
        foreach (var person in people)
        {
            fake.AddUser(person);
        }

        foreach (var room in rooms)
        {
            fake.AddChannel(room, "700000000000000001");
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

        var expected = people.Count + rooms.Count;
        while (Accepted(fake, "/channels/").Count < expected || await PendingAsync(dbFactory))
        {
            await Task.Delay(200);
        }

        await host.StopAsync();
        var requests = fake.Calls.Where(c => c.Status is >= 200 and < 300 && (c.Path.StartsWith("/channels/", StringComparison.Ordinal) || c.Path == "/users/@me/channels"))
            .OrderBy(c => c.At).ToList();
        var messages = Accepted(fake, "/channels/");
        var seconds = (requests[^1].At - requests[0].At).TotalSeconds;
        var rate = (requests.Count - 1) / seconds;
        var perChannel = fake.AllMessages.GroupBy(m => m.ChannelId).ToDictionary(g => g.Key, g => g.Count());
        var targets = people.Select(p => fake.DmChannelOf(p) ?? "none:" + p).Concat(rooms).ToList();
        var lost = targets.Count(t => !perChannel.ContainsKey(t));
        var duplicated = perChannel.Count(kv => kv.Value > 1);
        var withoutMentions = fake.AllMessages.Count(m => m.AllowedMentions?["parse"]?.AsArray().Count != 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Provider {provider}, {dms:N0} DMs + {channels:N0} channels: the bot keeps {keeps}/s, the fake enforces Discord's {discordLimit}/s
              {requests.Count:N0} requests ({messages.Count:N0} messages, {requests.Count - messages.Count:N0} DM opens) in {seconds:0.0} s → {rate:0.0} requests/s = {100 * rate / keeps:0.0}% of the bot's limit, {100 * rate / discordLimit:0.0}% of Discord's
              429 answers {fake.TooManyRequests}, requests during a retry_after {fake.SentDuringRetryAfter}, lost {lost}, duplicated {duplicated}, messages without allowed_mentions {withoutMentions}
            """));
        return lost == 0 && duplicated == 0 && withoutMentions == 0 ? 0 : 1;
    }

    private static List<FakeDiscordCall> Accepted(FakeDiscordServer fake, string prefix) =>
        [.. fake.Calls.Where(c => c.Method == "POST" && c.Status == 200 && c.Path.StartsWith(prefix, StringComparison.Ordinal))];

    private static async Task<bool> PendingAsync(AlertBotDbFactory dbFactory)
    {
        await using var db = dbFactory.Create();
        return await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending) || await db.RoutingTasks.AnyAsync(t => t.DoneAt == null);
    }

    /// <summary>Discord recipients subscribed to al-Mayadin shelling: people 5000…, channels 6000….</summary>
    private static async Task<(List<string> People, List<string> Channels)> SeedAsync(AlertBotDbFactory dbFactory, int dms, int channels)
    {
        var people = Enumerable.Range(1, dms).Select(i => (500_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var rooms = Enumerable.Range(1, channels).Select(i => (600_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var all = people.Select(p => (Id: p, Kind: Core.Platforms.ChatKind.Private)).Concat(rooms.Select(r => (Id: r, Kind: Core.Platforms.ChatKind.Group))).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in all.Chunk(2000))
        {
            await using var db = dbFactory.Create();
            var recipients = chunk.Select(c => new Recipient
            {
                Platform = DiscordPlatform.PlatformName,
                ChatId = c.Id,
                Kind = c.Kind,
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

        return (people, rooms);
    }
}
