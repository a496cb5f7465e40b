using System.Globalization;
using AlertBot.Api;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Telegram;
using AlertBot.TestSupport.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>The moderators' chat on Telegram: cards for pending events, acted on by moderators only, kept up to date from every surface.</summary>
public sealed class TelegramModeratorTests
{
    private const long ModeratorChat = -1000000000900;
    private const long Outsider = 7002;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_moderator_confirms_from_the_card_the_subscriber_gets_one_alert_and_an_outsiders_press_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        const long subscriber = 8001;
        bot.Fake.AddUser(subscriber, languageCode: null);
        await bot.SayAsync(subscriber, "/subscribe الميادين");
        var before = bot.Fake.MessagesTo(subscriber).Count;

        using var api = bot.App.ApiClient();
        var eventId = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        var card = await CardAsync(bot, eventId);
        Assert.Contains($"Event #{eventId} pending", card.Text, StringComparison.Ordinal);
        Assert.Contains("Deir Press", card.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://deir.example/news/mayadin-shelling\">Deir Press</a>", card.Raw, StringComparison.Ordinal);
        Assert.Contains("<u>", card.Raw, StringComparison.Ordinal);

        // Someone who is not a moderator presses Confirm: refused, answered, the event stays pending.
        var refused = await bot.PressAsync(Outsider, card, "mc:" + Id(eventId));
        Assert.Equal("Only moderators can do this. · هذا للمشرفين فقط.", refused.Text);
        Assert.Equal("pending", await StatusAsync(api, eventId));

        // The moderator claims it, then confirms it: the card shows each, and who did it.
        await bot.PressAsync(TelegramBot.Moderator, card, "mk:" + Id(eventId));
        Assert.Contains("Claimed by telegram:7001", bot.Current(card).Text, StringComparison.Ordinal);
        var done = await bot.PressAsync(TelegramBot.Moderator, bot.Current(card), "mc:" + Id(eventId));
        Assert.Equal("Done. · تم.", done.Text);
        Assert.Equal("confirmed", await StatusAsync(api, eventId));
        var decided = bot.Current(card);
        Assert.Contains($"Event #{eventId} confirmed by telegram:7001", decided.Text, StringComparison.Ordinal);
        Assert.Empty(decided.AllButtons);

        await Alerts.Alerts.SettledAsync(bot.Services);
        var alert = Assert.Single(bot.Fake.MessagesTo(subscriber).Skip(before));
        Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.Single(bot.Fake.MessagesTo(ModeratorChat), m => m.Text.Contains($"#{eventId}", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reject_takes_the_reason_from_a_reply_and_a_decision_elsewhere_is_shown_on_the_card(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        using var api = bot.App.ApiClient();

        var rejected = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        var card = await CardAsync(bot, rejected);
        var ask = await bot.PressAsync(TelegramBot.Moderator, card, "mr:" + Id(rejected));
        Assert.Contains("Reply to this card with the reason", ask.Text, StringComparison.Ordinal);
        Assert.Equal("pending", await StatusAsync(api, rejected));

        // An outsider's reply is not a decision; the moderator's is.
        await bot.HandledAsync(bot.Fake.PushReply(Outsider, ModeratorChat, card.MessageId, "looks fake"));
        Assert.Equal("pending", await StatusAsync(api, rejected));
        await bot.HandledAsync(bot.Fake.PushReply(TelegramBot.Moderator, ModeratorChat, card.MessageId, "a repost of last week's shelling"));
        Assert.Equal("rejected", await StatusAsync(api, rejected));
        Assert.Contains("rejected by telegram:7001: a repost of last week's shelling", bot.Current(card).Text, StringComparison.Ordinal);

        // Confirmed through the API: the card follows.
        var elsewhere = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        var other = await CardAsync(bot, elsewhere);
        await api.PostAsync(new Uri($"/api/events/{elsewhere}/confirm", UriKind.Relative), null);
        await TelegramBot.UntilAsync(() => bot.Current(other).Text.Contains($"Event #{elsewhere} confirmed by", StringComparison.Ordinal), "the card to show the API's decision");
        Assert.Empty(bot.Current(other).AllButtons);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_on_the_card_of_a_linked_event_merges_it_into_the_decided_one(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        using var api = bot.App.ApiClient();
        var decided = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        await api.PostAsync(new Uri($"/api/events/{decided}/confirm", UriKind.Relative), null);
        var linked = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        var card = await CardAsync(bot, linked);
        Assert.DoesNotContain(card.AllButtons, b => b.CallbackData!.StartsWith("mm:", StringComparison.Ordinal));

        // Clustering links an event to a decided one it may repeat; here the link is made directly.
        await Alerts.Alerts.InScopeAsync(bot.Services, db => db.Events.Where(e => e.Id == linked)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.LinkedEventId, decided).SetProperty(e => e.LinkReason, "same shelling")));
        await bot.Services.GetRequiredService<TelegramModeratorCards>().RefreshAsync(linked, CancellationToken.None);
        card = bot.Current(card);
        Assert.Contains($"May be the same incident as #{decided}: same shelling", card.Text, StringComparison.Ordinal);

        var answer = await bot.PressAsync(TelegramBot.Moderator, card, "mm:" + Id(linked));
        Assert.Equal("Done. · تم.", answer.Text);
        Assert.Equal("merged", await StatusAsync(api, linked));
        Assert.Contains($"Event #{linked} merged into #{decided} by telegram:7001", bot.Current(card).Text, StringComparison.Ordinal);
        Assert.Empty(bot.Current(card).AllButtons);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_moderator_or_curator_files_a_forwarded_channel_post_as_a_report_and_an_outsider_cannot(string provider)
    {
        const long curator = 7003;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database, new() { ["Moderation:Curators"] = "telegram:7003" });
        bot.Fake.AddUser(curator);
        const long channel = -1000000000950;
        bot.Fake.AddChat(channel, "channel", "Deir Ezzor 24", username: "deirezzor24");
        const string post = "تعرضت مدينة الميادين في ريف دير الزور الشرقي صباح اليوم لقصف مدفعي، وأفاد سكان بسقوط عدة قذائف على الأحياء السكنية.";

        var refused = Assert.Single(await bot.SayForwardAsync(Outsider, channel, 77, post));
        Assert.StartsWith("Only moderators and curators can file", refused.Text, StringComparison.Ordinal);
        using var api = bot.App.ApiClient();
        Assert.Empty(await AlertBotApp.ReadAsync<List<EventDto>>(await api.GetAsync(new Uri("/api/events", UriKind.Relative))));

        var filed = Assert.Single(await bot.SayForwardAsync(TelegramBot.Moderator, channel, 77, post));
        Assert.Matches(@"^Filed as report #\d+, event #\d+\.", filed.Text);
        var events = await AlertBotApp.ReadAsync<List<EventDto>>(await api.GetAsync(new Uri("/api/events?status=pending", UriKind.Relative)));
        var source = Assert.Single(Assert.Single(events).Sources);
        Assert.Equal(("Deir Ezzor 24", "https://t.me/deirezzor24/77"), (source.Outlet, source.Url));

        // The same post forwarded again is the same report.
        Assert.StartsWith("Already filed as report", Assert.Single(await bot.SayForwardAsync(TelegramBot.Moderator, channel, 77, post)).Text, StringComparison.Ordinal);

        // A curator files reports too, but cannot decide: their press on the card is refused.
        const string other = "قصفت طائرة مسيرة موقعًا في مدينة البوكمال فجر اليوم، ولم ترد أنباء عن إصابات.";
        var byCurator = Assert.Single(await bot.SayForwardAsync(curator, channel, 78, other));
        Assert.Matches(@"^Filed as report #\d+, event #\d+\.", byCurator.Text);
        var eventId = long.Parse(System.Text.RegularExpressions.Regex.Match(byCurator.Text, @"event #(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var card = await CardAsync(bot, eventId);
        Assert.Equal("Only moderators can do this. · هذا للمشرفين فقط.", (await bot.PressAsync(curator, card, "mc:" + Id(eventId))).Text);
        Assert.Equal("pending", await StatusAsync(api, eventId));

        // A post that tells of no incident is filed and not alerted, and the reply says why in both languages.
        const string anniversary = "في ذكرى فك الحصار عن دير الزور\nأقامت المحافظة احتفالاً في حديقة الانتصار. وقصفت المجموعات المسلحة أحياء المدينة بالقذائف طوال سنوات الحصار.";
        var notRelevant = Assert.Single(await bot.SayForwardAsync(TelegramBot.Moderator, channel, 79, anniversary));
        Assert.Matches(@"^Filed as report #\d+; not relevant: a commemoration or anniversary, not news of an incident\.", notRelevant.Text);
        Assert.Contains("لكنه لا يخص التنبيهات: إحياء ذكرى أو مناسبة، لا خبر عن حادثة.", notRelevant.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_source_the_feed_watcher_disables_is_announced_once_in_the_moderators_chat()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var feeds = await TestSupport.LoopbackHttpServer.StartAsync();
        feeds.Serve("broken.xml", Feeds.TestFeeds.BrokenXml);
        await using var bot = await StartAsync(database, new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Feeds:DisableAfterFailures"] = "2",
            ["Feeds:DisableWithoutSuccessHours"] = "0",
            ["Feeds:Sources:Broken Wire:Url"] = feeds.Url("broken.xml").AbsoluteUri,
        });

        // Two failed polls disable it. A "poll now" that meets the start's own poll of the source may be taken by it
        // (seen once on a loaded CI box), so the test polls until disabled, within a bound.
        for (var poll = 0; (await Feeds.FeedHost.SourceAsync(bot.App, "Broken Wire")).Enabled; poll++)
        {
            Assert.True(poll < 5, "five failed polls did not disable the source");
            await Feeds.FeedHost.PollNowAsync(bot.App, "Broken Wire");
        }

        await TelegramBot.UntilAsync(() => bot.Fake.MessagesTo(ModeratorChat).Any(m => m.Text.Contains("Broken Wire", StringComparison.Ordinal)), "the announcement");
        var announcement = Assert.Single(bot.Fake.MessagesTo(ModeratorChat), m => m.Text.Contains("Broken Wire", StringComparison.Ordinal));
        Assert.StartsWith("⚠️ A feed source was disabled after repeated failures · أُوقف مصدر بعد إخفاقات متكررة\nBroken Wire: ", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("2 consecutive failures", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("صفحة المصادر", announcement.Text, StringComparison.Ordinal);

        // The audit log keeps it, without an event.
        using var api = bot.App.ApiClient();
        var audit = await api.GetStringAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Contains("source-disabled", audit, StringComparison.Ordinal);
        // The cards follow the audit log in order: once a later event's card is up, the follower has gone past the
        // source's entry, so a second announcement would be there by now.
        var later = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        await CardAsync(bot, later);
        Assert.Single(bot.Fake.MessagesTo(ModeratorChat), m => m.Text.Contains("Broken Wire", StringComparison.Ordinal));
    }

    private static async Task<TelegramBot> StartAsync(TestDatabase database, Dictionary<string, string?>? extra = null)
    {
        var fake = await FakeTelegramServer.StartAsync();
        fake.Limits = new FakeTelegramLimits(ChatMessagesPerSecond: 50, GroupMessagesPerMinute: 600);
        fake.AddChat(ModeratorChat, "supergroup", "AlertBot moderators");
        fake.SetMember(ModeratorChat, TelegramBot.Moderator, "administrator");
        fake.SetMember(ModeratorChat, Outsider, "member");
        fake.AddUser(TelegramBot.Moderator);
        fake.AddUser(Outsider);
        var settings = extra ?? [];
        settings["Telegram:ModeratorChatId"] = ModeratorChat.ToString(CultureInfo.InvariantCulture);
        return await TelegramBot.StartAsync(database, settings, fake, ownsFake: true);
    }

    private static async Task<FakeTelegramMessage> CardAsync(TelegramBot bot, long eventId)
    {
        var data = "mc:" + Id(eventId);
        await TelegramBot.UntilAsync(() => bot.Fake.MessagesTo(ModeratorChat).Any(m => m.AllButtons.Any(b => b.CallbackData == data)), $"the card of event {eventId}");
        var card = bot.Fake.MessagesTo(ModeratorChat).Single(m => m.AllButtons.Any(b => b.CallbackData == data));

        // Telegram shows the card before the bot has noted what its buttons issue; a person cannot press that fast.
        var (chatId, messageId) = (Id(ModeratorChat), Id(card.MessageId));
        await Alerts.Alerts.UntilAsync(
            () => Alerts.Alerts.InScopeAsync(bot.Services, db => db.IssuedMenus.AnyAsync(m => m.ChatId == chatId && m.MessageId == messageId)),
            TimeSpan.FromSeconds(30),
            "the card's buttons to be recorded");
        return card;
    }

    private static async Task<string> StatusAsync(HttpClient api, long eventId) =>
        (await AlertBotApp.ReadAsync<EventDto>(await api.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative)))).Status;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
