using System.Net;
using System.Text;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Telegram;
using AlertBot.TestSupport.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>How updates reach the bot: polling past bad updates, the webhook and its secret, one poller among instances, health.</summary>
public sealed class TelegramUpdatesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Malformed_unknown_and_huge_updates_are_skipped_and_the_poller_moves_on(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long user = 3001;
        bot.Fake.AddUser(user);

        var malformed = bot.Fake.PushRaw(id => $$$$"""{"update_id":{{{{id}}}},"message":{"message_id":"seven","date":"yesterday","chat":{"id":"nobody"}}}""");
        var unknown = bot.Fake.PushRaw(id => $$$$"""{"update_id":{{{{id}}}},"something_new":{"id":1}}""");
        var huge = bot.Fake.PushRaw(id => $$$$"""{"update_id":{{{{id}}}},"message":{"message_id":1,"date":1764633600,"chat":{"id":{{{{user}}}},"type":"private"},"from":{"id":{{{{user}}}},"is_bot":false,"first_name":"U"},"text":"{{{{new string('x', 300_000)}}}}"}}""");
        var press = bot.Fake.PushRaw(id => $$$$"""{"update_id":{{{{id}}}},"callback_query":{"id":"old-press","from":{"id":{{{{user}}}},"is_bot":false,"first_name":"U"},"chat_instance":"1","data":"br"}}""");
        var replies = await bot.SayAsync(user, "/start");

        Assert.Contains("Choose the language", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.True(bot.Fake.ConfirmedBelow > Math.Max(Math.Max(malformed, unknown), Math.Max(huge, press)));
        Assert.Contains(bot.App.Logs.Lines, l => l.Message.Contains($"update {malformed} could not be read", StringComparison.Ordinal));
        Assert.Contains(bot.App.Logs.Lines, l => l.Message.Contains($"update {unknown} (Unknown) is not one the bot handles", StringComparison.Ordinal));
        Assert.Contains(bot.App.Logs.Lines, l => l.Message.Contains($"update {huge} is", StringComparison.Ordinal) && l.Message.Contains("skipped", StringComparison.Ordinal));

        // A press without its message (too old for the bot to see) is still answered, and changes nothing.
        Assert.Contains(bot.Fake.CallsTo("answerCallbackQuery"), c => c.Parameters["callback_query_id"]!.ToString() == "old-press");
        Assert.Single(bot.Fake.MessagesTo(user));
    }

    [SkippableFact]
    public async Task Webhook_mode_takes_updates_only_with_the_secret_and_never_polls()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var bot = await TelegramBot.StartAsync(database, new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://alertbot.example.org/telegram/webhook",
            ["Telegram:WebhookSecret"] = "s3cret-Token_1",
        });
        Assert.Equal("s3cret-Token_1", bot.Fake.WebhookSecret);
        using var client = bot.App.CreateClient();
        const long user = 3101;
        bot.Fake.AddUser(user);
        bot.Fake.PushText(user, "/start");

        Assert.Equal([HttpStatusCode.Unauthorized], await bot.Fake.DeliverWebhookAsync(client, secret: "wrong-secret"));
        Assert.Equal([HttpStatusCode.Unauthorized], await bot.Fake.DeliverWebhookAsync(client, secret: string.Empty));
        Assert.Empty(bot.Fake.MessagesTo(user));
        Assert.Equal(1, bot.Fake.PendingUpdates);

        Assert.Equal([HttpStatusCode.OK], await bot.Fake.DeliverWebhookAsync(client));
        Assert.Contains("Choose the language", Assert.Single(bot.Fake.MessagesTo(user)).Text, StringComparison.Ordinal);

        // A body that is not an update is acknowledged (Telegram would only repeat it) and skipped.
        using var junk = new HttpRequestMessage(HttpMethod.Post, TelegramWebhook.Path) { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        junk.Headers.Add(TelegramWebhook.SecretHeader, "s3cret-Token_1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(junk)).StatusCode);

        Assert.Empty(bot.Fake.CallsTo("getUpdates"));
        Assert.Equal(0, bot.Fake.Conflicts);
    }

    [SkippableFact]
    public async Task Two_instances_have_one_poller_and_send_each_alert_once_and_the_standby_takes_over()
    {
        await using var database = await TestDatabase.CreateAsync("PostgreSql");
        await using var fake = await FakeTelegramServer.StartAsync();
        fake.Limits = new FakeTelegramLimits(ChatMessagesPerSecond: 50, GroupMessagesPerMinute: 600);
        var first = await TelegramBot.StartAsync(database, fake: fake);
        await using var second = await TelegramBot.StartAsync(database, fake: fake);
        try
        {
            var users = new long[] { 3201, 3202, 3203 };
            foreach (var user in users)
            {
                fake.AddUser(user);
                await first.SayAsync(user, "/subscribe al-Mayadin");
            }

            await Alerts.Alerts.ConfirmMayadinShellingAsync(second.App);
            await Alerts.Alerts.SettledAsync(first.Services);
            await Alerts.Alerts.SettledAsync(second.Services);

            Assert.All(users, u => Assert.Equal(2, fake.MessagesTo(u).Count));
            Assert.Equal(0, fake.Conflicts);
            Assert.Equal(1, fake.MaxConcurrentPolls);
            var pollers = new[] { first, second }.Where(b => b.App.Logs.Lines.Any(l => l.Message.Contains("polls for updates", StringComparison.Ordinal))).ToList();
            var poller = Assert.Single(pollers);
            var standby = poller == first ? second : first;

            // The poller goes away: the standby takes the lock and answers.
            await poller.DisposeAsync();
            await TelegramBot.UntilAsync(() => standby.App.Logs.Lines.Any(l => l.Message.Contains("polls for updates", StringComparison.Ordinal)), "the standby to poll");
            Assert.Single(await standby.SayAsync(users[0], "/help"));
            Assert.Equal(1, fake.MaxConcurrentPolls);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Ready_says_degraded_once_polling_has_failed_for_longer_than_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await TelegramBot.StartAsync(database, new Dictionary<string, string?> { ["Telegram:DegradedAfterSeconds"] = "30" }, time: time);
        using var client = bot.App.CreateClient();

        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.ServerError, "getUpdates", Count: 1000));
        await bot.App.Logs.WaitForAsync(l => l.Message.Contains("getUpdates failed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/ready", UriKind.Relative)));
        using var console = await bot.App.ConsoleClientAsync();
        var overview = await console.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Matches("<li id=\"platform-telegram\" class=\"ok\">\\s*<bdi dir=\"ltr\">telegram</bdi>:\\s*connected", overview);
        Assert.Matches("<li id=\"platform-sandbox\" class=\"ok\">\\s*<bdi dir=\"ltr\">sandbox</bdi>:\\s*inside the bot", overview);
        Assert.Contains("<span>(polling)</span>", overview, StringComparison.Ordinal);
        Assert.Contains("last success", overview, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(31));
        var ready = await client.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());

        // The console's overview says so too, with Telegram's last error, in the reader's language.
        using var arabic = new HttpRequestMessage(HttpMethod.Get, "/");
        arabic.Headers.TryAddWithoutValidation("Accept-Language", "ar");
        overview = await (await console.SendAsync(arabic)).Content.ReadAsStringAsync();
        Assert.Matches("<li id=\"platform-telegram\" class=\"problem\">\\s*<bdi dir=\"ltr\">telegram</bdi>:\\s*متعثّر", overview);
        Assert.Contains("Telegram has failed since", overview, StringComparison.Ordinal);
    }
}
