using System.Net.Http.Headers;
using System.Text;
using AlertBot.Core.Platforms;
using AlertBot.Discord;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>Discord's rate limits as the bot keeps them: buckets learned from headers, 429s waited out, the token kept out of logs.</summary>
public sealed class DiscordRateLimitTests
{
    private const string Channel = "600000000000000401";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sends_to_one_channel_keep_its_learned_bucket_and_draw_no_429(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database, limits: new FakeDiscordLimits(ChannelMessages: 3, ChannelWindowSeconds: 1));
        bot.Fake.AddChannel(Channel, DiscordBot.Guild);
        var sender = bot.Services.GetRequiredService<MessageSender>();
        var chat = new ChatRef(DiscordPlatform.PlatformName, Channel, ChatKind.Group);

        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => sender.SendAsync(chat, new OutgoingMessage($"message {i} @everyone"), CancellationToken.None)));
        var took = DateTimeOffset.UtcNow - started;

        Assert.Equal(10, bot.Fake.MessagesIn(Channel).Count);
        Assert.Equal(10, bot.Fake.MessagesIn(Channel).Select(m => m.Content).Distinct().Count());
        Assert.Equal(0, bot.Fake.TooManyRequests);
        Assert.True(took >= TimeSpan.FromSeconds(2.5), $"10 messages at 3 a second took {took.TotalSeconds:0.00} s");
        Assert.All(bot.Fake.MessagesIn(Channel), m => Assert.Contains("@\u200Beveryone", m.Content, StringComparison.Ordinal));
        bot.AssertNoMessageCanMention();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_429_holds_its_bucket_for_retry_after_and_counts_as_an_invalid_request(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database, limits: new FakeDiscordLimits(ChannelMessages: 2, ChannelWindowSeconds: 2));
        bot.Fake.AddChannel(Channel, DiscordBot.Guild);
        var sender = bot.Services.GetRequiredService<MessageSender>();
        var chat = new ChatRef(DiscordPlatform.PlatformName, Channel, ChatKind.Group);

        // Another client of the same bot (another deployment) uses up the channel's bucket behind this one's back.
        using var other = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{bot.Fake.ApiBaseUrl}/channels/{Channel}/messages")
            {
                Content = new StringContent("{\"content\":\"elsewhere\",\"allowed_mentions\":{\"parse\":[]}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", bot.Fake.Token);
            request.Headers.UserAgent.ParseAdd("DiscordBot (https://example.org, 1.0)");
            (await other.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var limited = await Assert.ThrowsAsync<PlatformException>(() => sender.SendAsync(chat, new OutgoingMessage("first"), CancellationToken.None));
        Assert.Equal(PlatformFailure.RateLimited, limited.Failure);
        Assert.True(limited.RetryAfter > TimeSpan.FromSeconds(1));

        await sender.SendAsync(chat, new OutgoingMessage("second"), CancellationToken.None);
        Assert.Equal(1, bot.Fake.TooManyRequests);
        Assert.Equal(0, bot.Fake.SentDuringRetryAfter);
        var calls = bot.Fake.CallsTo("POST", $"/channels/{Channel}/messages");
        var refused = calls.Single(c => c.Status == 429);
        Assert.True(calls[^1].At - refused.At >= limited.RetryAfter!.Value - TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, bot.Services.GetRequiredService<DiscordMetrics>().InvalidRequestsInWindow);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_shared_429_on_one_channel_holds_that_channel_only_and_is_not_an_invalid_request(string provider)
    {
        // Two faults this found: the sender held every Discord route for any 429, and a channel's hold was lost once the
        // route's bucket id was learned from a call on another channel (the hold stayed under the provisional key).
        const string busy = "600000000000000402", other = "600000000000000403";
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        bot.Fake.AddChannel(busy, DiscordBot.Guild);
        bot.Fake.AddChannel(other, DiscordBot.Guild);
        bot.Fake.SharedLimit(busy, seconds: 5);
        var sender = bot.Services.GetRequiredService<MessageSender>();
        ChatRef Chat(string id) => new(DiscordPlatform.PlatformName, id, ChatKind.Group);

        var limited = await Assert.ThrowsAsync<PlatformException>(() => sender.SendAsync(Chat(busy), new OutgoingMessage("to the busy channel"), CancellationToken.None));
        Assert.Equal(PlatformFailure.RateLimited, limited.Failure);

        // The other channel is not held: before the fix every Discord send waited out the busy channel's 5 seconds.
        await sender.SendAsync(Chat(other), new OutgoingMessage("to another channel"), CancellationToken.None);
        var refusedAt = bot.Fake.CallsTo("POST", $"/channels/{busy}/messages")[0].At;
        var otherAt = Assert.Single(bot.Fake.CallsTo("POST", $"/channels/{other}/messages")).At;
        Assert.True(otherAt < refusedAt + limited.RetryAfter!.Value, $"the other channel's send came {(otherAt - refusedAt).TotalSeconds:0.00} s after the busy channel's 429, behind its retry_after");

        // The busy channel waits its retry_after out, then takes the message; nothing was tried there meanwhile.
        await sender.SendAsync(Chat(busy), new OutgoingMessage("to the busy channel, later"), CancellationToken.None);

        var calls = bot.Fake.CallsTo("POST", $"/channels/{busy}/messages");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= limited.RetryAfter.Value - TimeSpan.FromMilliseconds(100), "the busy channel was tried again before its retry_after");
        Assert.Equal(0, bot.Fake.SentDuringRetryAfter);
        Assert.Single(bot.Fake.MessagesIn(other));
        Assert.Equal(0, bot.Services.GetRequiredService<DiscordMetrics>().InvalidRequestsInWindow); // a shared limit is not the bot's fault
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_token_never_appears_in_the_logs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        });
        const string person = "500000000000000401";
        bot.Fake.AddUser(person);
        await bot.InteractAsync(bot.Fake.SlashCommand(person, "help"));
        await bot.Services.GetRequiredService<MessageSender>().SendAsync(new ChatRef(DiscordPlatform.PlatformName, person, ChatKind.Private), new OutgoingMessage("hello"), CancellationToken.None);

        Assert.NotEmpty(bot.App.Logs.Lines);
        Assert.Contains(bot.App.Logs.Lines, l => l.Category.StartsWith("AlertBot.Discord", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.App.Logs.Lines, l => l.Message.Contains(bot.Fake.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.App.Logs.Lines, l => l.Message.Contains(bot.Fake.Token[..24], StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_global_429_holds_every_route_for_its_retry_after_and_every_alert_still_arrives_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        // Discord allows fewer requests than the bot was told (another process of the same bot): global 429s.
        await using var bot = await DiscordBot.StartAsync(
            database,
            new Dictionary<string, string?> { ["Delivery:Concurrency"] = "1", ["Delivery:RetryBaseSeconds"] = "0.5" },
            limits: new FakeDiscordLimits(ChannelMessages: 50, ChannelWindowSeconds: 1, GlobalPerSecond: 4));
        var channels = Enumerable.Range(1, 12).Select(i => (600_000_000_000_000_500L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var channel in channels)
        {
            bot.Fake.AddChannel(channel, DiscordBot.Guild);
            await bot.SubscribeAsync(channel, ChatKind.Group, new Core.Routing.SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));
        }

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        Assert.All(channels, c => Assert.Single(bot.Fake.MessagesIn(c)));
        Assert.True(bot.Fake.GlobalTooManyRequests >= 1);
        Assert.Equal(0, bot.Fake.SentDuringRetryAfter);
        bot.AssertNoMessageCanMention();
    }
}
