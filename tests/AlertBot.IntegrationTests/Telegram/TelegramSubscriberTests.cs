using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Telegram;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>Private chats on Telegram end to end through the fake Bot API: menus, typed names, deep links, alerts.</summary>
public sealed class TelegramSubscriberTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscribers_by_buttons_and_by_typed_name_each_get_exactly_one_bilingual_alert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long byButtons = 1001, byName = 1002;
        bot.Fake.AddUser(byButtons, languageCode: null);
        bot.Fake.AddUser(byName, languageCode: null);

        // By buttons: /start, choose both languages, then browse the places down to the Mayadin District.
        var welcome = Assert.Single(await bot.SayAsync(byButtons, "/start"));
        Assert.Contains("lang:both", welcome.AllButtons.Select(b => b.CallbackData));
        await bot.PressAsync(byButtons, welcome, "lang:both");
        var menu = Assert.Single(await bot.SayAsync(byButtons, "/subscribe"));
        await bot.PressAsync(byButtons, menu, "br");
        await bot.PressAsync(byButtons, bot.Current(menu), "bp:SY09");
        menu = await bot.PageUntilAsync(byButtons, menu, "bp:SY0903");
        await bot.PressAsync(byButtons, menu, "bp:SY0903");
        Assert.True(bot.Current(menu).Edits >= 3, "menus browse in place (editMessageText)");
        var before = bot.Fake.MessagesTo(byButtons).Count;
        var answer = await bot.PressAsync(byButtons, bot.Current(menu), "sp:SY0903");
        Assert.True(answer.Answered);
        Assert.Contains("Subscribed to Mayadin District", bot.Fake.MessagesTo(byButtons).Skip(before).Single().Text, StringComparison.Ordinal);

        // By name, in Arabic: the city is chosen over the district of the same name.
        var reply = Assert.Single(await bot.SayAsync(byName, "/subscribe الميادين"));
        Assert.Contains("al-Mayadin", reply.Text, StringComparison.Ordinal);
        Assert.Single(await bot.SubscriptionsAsync(byName));

        var sentBefore = new[] { byButtons, byName }.ToDictionary(c => c, c => bot.Fake.MessagesTo(c).Count);
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        foreach (var chat in new[] { byButtons, byName })
        {
            var alert = Assert.Single(bot.Fake.MessagesTo(chat).Skip(sentBefore[chat]));
            Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
            Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
            Assert.Equal("html", alert.ParseMode, ignoreCase: true);
            Assert.True(alert.LinkPreviewDisabled);
            Assert.False(alert.Silent);
        }

        Assert.Equal(0, bot.Fake.TooManyRequests);
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status == 400);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_press_is_answered_and_data_the_bot_did_not_issue_there_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long user = 1101, other = 1102;
        bot.Fake.AddUser(user);
        bot.Fake.AddUser(other);
        var menu = Assert.Single(await bot.SayAsync(user, "/subscribe"));

        // Forged data under a real menu: refused, answered, nothing subscribed.
        var forged = bot.Fake.PushPress(user, user, menu.MessageId, "sp:ES037");
        await bot.HandledAsync(bot.Fake.UpdateOfPress(forged));
        Assert.Equal("This button is no longer valid.", bot.Fake.PressAnswer(forged).Text);
        Assert.Empty(await bot.SubscriptionsAsync(user));

        // Data issued to another chat's message is refused in this one.
        var otherMenu = Assert.Single(await bot.SayAsync(other, "/subscribe"));
        await bot.PressAsync(other, otherMenu, "br");
        var replayed = bot.Fake.PushPress(user, user, menu.MessageId, bot.Current(otherMenu).AllButtons.First(b => b.CallbackData!.StartsWith("bp:", StringComparison.Ordinal)).CallbackData!);
        await bot.HandledAsync(bot.Fake.UpdateOfPress(replayed));
        Assert.Equal(0, bot.Current(menu).Edits);

        // A real press is answered too (the spinner stops), and it works.
        var answer = await bot.PressAsync(user, menu, "br");
        Assert.True(answer.Answered);
        Assert.Equal(1, bot.Current(menu).Edits);
        Assert.All(bot.Fake.CallsTo("answerCallbackQuery"), c => Assert.Equal(200, c.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Command_menus_are_set_in_Arabic_and_English_and_the_users_language_is_the_first_guess(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        await TelegramBot.UntilAsync(() => bot.Fake.CallsTo("setMyCommands").Count >= 3, "the command menus");

        Assert.Contains(("subscribe", "الاشتراك في تنبيهات مكان أو جهة"), bot.Fake.CommandsFor("ar"));
        Assert.Contains(("subscribe", "Subscribe to a place or an actor"), bot.Fake.CommandsFor("en"));
        Assert.Equal(bot.Fake.CommandsFor("en"), bot.Fake.CommandsFor(string.Empty));

        bot.Fake.AddUser(1201, languageCode: "ar");
        bot.Fake.AddUser(1202, languageCode: "en-GB");
        await bot.SayAsync(1201, "/help");
        await bot.SayAsync(1202, "/help");
        Assert.Equal(ChatLanguage.Ar, (await bot.RecipientAsync(1201))!.Language);
        Assert.Equal(ChatLanguage.En, (await bot.RecipientAsync(1202))!.Language);
        Assert.DoesNotContain("The commands", bot.Fake.MessagesTo(1201).Single().Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deep_link_start_subscribes_in_one_tap_and_an_unknown_place_is_said_so(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        bot.Fake.AddUser(1301);

        // The console shows each place's link (the bot's name from getMe); tapping it sends /start with its parameter.
        using var console = await bot.App.ConsoleClientAsync();
        await TelegramBot.UntilAsync(() => bot.Fake.Calls.Any(c => c.Method == "getMe" && c.Status == 200), "getMe");
        var page = await console.GetStringAsync(new Uri("/places?q=Mayadin", UriKind.Relative));
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(https://t\\.me/alertbot_test_bot\\?start=sub_ES037)\"").Groups[1].Value;
        Assert.Equal("https://t.me/alertbot_test_bot?start=sub_ES037", link);
        var start = Uri.UnescapeDataString(new Uri(link).Query.TrimStart('?').Split('=')[1]);

        var reply = Assert.Single(await bot.SayAsync(1301, "/start " + start));
        Assert.StartsWith("Subscribed to al-Mayadin", reply.Text, StringComparison.Ordinal);
        Assert.Equal(Alerts.Alerts.AlMayadin, Assert.Single(await bot.SubscriptionsAsync(1301)).PlaceId);
        using (var arabic = new HttpRequestMessage(HttpMethod.Get, "/places?q=الميادين"))
        {
            arabic.Headers.TryAddWithoutValidation("Accept-Language", "ar");
            var row = await (await console.SendAsync(arabic)).Content.ReadAsStringAsync();
            Assert.Contains("<th>رابط telegram</th>", row, StringComparison.Ordinal);
            Assert.Matches("id=\"place-ES037\"[\\s\\S]*?<td data-label=\"الاشتراكات\" class=\"num\">1</td>", row);
        }

        var unknown = Assert.Single(await bot.SayAsync(1301, "/start sub_NOPE"));
        Assert.Contains("NOPE", unknown.Text, StringComparison.Ordinal);
        Assert.Single(await bot.SubscriptionsAsync(1301));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Text_with_html_characters_is_escaped_and_accepted_by_telegram(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        bot.Fake.AddUser(1401);

        var reply = Assert.Single(await bot.SayAsync(1401, "/subscribe <b>Tom & Jerry</i>"));
        Assert.Contains("<b>Tom & Jerry</i>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Tom &amp; Jerry&lt;/i&gt;", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status == 400);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_blocked_user_is_deactivated_and_not_retried(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long blocked = 1501, reading = 1502;
        foreach (var user in new[] { blocked, reading })
        {
            bot.Fake.AddUser(user);
            await bot.SayAsync(user, "/subscribe al-Mayadin");
        }

        bot.Fake.Block(blocked);
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        // The outbox row is dead-lettered first, then the recipient deactivated.
        await Alerts.Alerts.UntilAsync(async () => (await bot.RecipientAsync(blocked))!.Active == false, TimeSpan.FromSeconds(30), "the blocked user to be deactivated");
        Assert.True((await bot.RecipientAsync(reading))!.Active);
        Assert.Equal(1, bot.Fake.CallsTo("sendMessage").Count(c => c.Status == 403));
        Assert.Equal(2, bot.SendAttemptsTo(blocked)); // the subscription's confirmation, then the one refused alert
        Assert.Equal(2, bot.Fake.MessagesTo(reading).Count);

        // Unblocking (my_chat_member: member again) brings the chat back with its subscriptions.
        await bot.HandledAsync(bot.Fake.PushMyChatMember(blocked, blocked, "kicked", "member"));
        Assert.True((await bot.RecipientAsync(blocked))!.Active);
        Assert.Single(await bot.SubscriptionsAsync(blocked));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rate_limits_and_faults_delay_alerts_but_every_one_arrives_once_and_none_before_retry_after(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // One send at a time: a send already in flight when the 429 comes back cannot be recalled (Telegram refuses it too).
        await using var bot = await TelegramBot.StartAsync(database, new Dictionary<string, string?>
        {
            ["Delivery:RetryBaseSeconds"] = "1",
            ["Delivery:Concurrency"] = "1",
        });
        var users = Enumerable.Range(1601, 6).Select(i => (long)i).ToList();
        foreach (var user in users)
        {
            bot.Fake.AddUser(user);
            await bot.SayAsync(user, "/subscribe al-Mayadin");
        }

        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.TooManyRequests, "sendMessage") { RetryAfterSeconds = 2 });
        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.ServerError, "sendMessage", users[1]));
        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.Reset, "sendMessage", users[2]));
        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.HtmlError, "sendMessage", users[3]));
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        Assert.All(users, u => Assert.Equal(2, bot.Fake.MessagesTo(u).Count));
        Assert.Equal(0, bot.Fake.SentDuringRetryAfter);
        var calls = bot.Fake.CallsTo("sendMessage");
        var limited = calls.First(c => c.Status == 429);
        var next = calls.First(c => c.At > limited.At && c.Status != 429);
        Assert.True(next.At - limited.At >= TimeSpan.FromSeconds(2), $"the next send came {(next.At - limited.At).TotalSeconds:0.00} s after a retry_after of 2 s");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_token_never_appears_in_the_logs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        });
        bot.Fake.AddUser(1701);
        await bot.SayAsync(1701, "/start");
        bot.Fake.Inject(new FakeTelegramFault(FakeTelegramFaultKind.Reset, "getUpdates"));
        await bot.SayAsync(1701, "/help");

        Assert.NotEmpty(bot.App.Logs.Lines);
        var secret = bot.Fake.Token[(bot.Fake.Token.IndexOf(':', StringComparison.Ordinal) + 1)..];
        Assert.DoesNotContain(bot.App.Logs.Lines, l => l.Message.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(bot.App.Logs.Lines, l => l.Category.StartsWith("AlertBot.Telegram", StringComparison.Ordinal));
    }
}
