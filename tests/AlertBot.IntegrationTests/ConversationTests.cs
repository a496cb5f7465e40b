using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests;

/// <summary>Subscribing and the chat's settings, through the sandbox API, checked in replies and in the database.</summary>
public sealed class ConversationTests
{
    private const string StaleEn = "This button is no longer valid.";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Typed_arabic_name_with_article_subscribes_to_the_city_and_offers_the_district(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "601");

        var reply = await chat.SayAsync("/subscribe الميادين");

        Assert.Contains("الميادين (مدينة، منطقة الميادين)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Subscribed to al-Mayadin (city, Mayadin District).", reply.Text, StringComparison.Ordinal);
        Assert.Contains("sp:SY0903", reply.Buttons.SelectMany(r => r).Select(b => b.Data));
        var subscription = Assert.Single(await chat.SubscriptionsAsync());
        Assert.Equal("ES037", subscription.PlaceId);
        Assert.Equal(DeliveryMode.Instant, subscription.Mode);
        Assert.True(await chat.ChangeCountAsync() >= 1);

        // The other place of that name is added, not swapped in.
        var press = await chat.PressAsync(reply.Id, "sp:SY0903");
        Assert.True(press.MatchedButton);
        Assert.Null(press.Notice);
        Assert.Contains("Mayadin District (district, Deir ez-Zor Governorate) as well", (await chat.LastAsync()).Text, StringComparison.Ordinal);
        Assert.Equal(["ES037", "SY0903"], (await chat.SubscriptionsAsync()).Select(s => s.PlaceId).Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Typed_english_names_pick_the_city_and_a_misspelling_offers_near_misses(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "602");
        await chat.SayAsync("/lang en");

        var deir = await chat.SayAsync("/subscribe Deir ez-Zor");
        Assert.StartsWith("Subscribed to Deir ez-Zor city (city, Deir ez-Zor District)", deir.Text, StringComparison.Ordinal);
        Assert.Contains("sp:SY09", deir.Buttons.SelectMany(r => r).Select(b => b.Data));

        var alias = await chat.SayAsync("/subscribe Mayadeen");
        Assert.StartsWith("Subscribed to al-Mayadin (city, Mayadin District)", alias.Text, StringComparison.Ordinal);

        var misspelled = await chat.SayAsync("/subscribe Mayadinz");
        Assert.Contains("I found no place or actor called \"Mayadinz\"", misspelled.Text, StringComparison.Ordinal);
        Assert.Contains("Did you mean", misspelled.Text, StringComparison.Ordinal);
        Assert.NotEmpty(misspelled.Buttons);
        Assert.All(misspelled.Buttons.SelectMany(r => r), b => Assert.StartsWith("sp:", b.Data, StringComparison.Ordinal));

        Assert.Equal(["ES001", "ES037"], (await chat.SubscriptionsAsync()).Select(s => s.PlaceId).Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_and_hostile_names_get_a_clear_reply_that_quotes_little_and_pings_nobody(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "603");
        await chat.SayAsync("/lang en");

        var unknown = await chat.SayAsync("/subscribe <b>zzqqxx</b> @everyone and a long tail that goes on and on");
        Assert.StartsWith("I found no place or actor called \"<b>zzqqxx</b> @\u2060everyone and a long", unknown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", unknown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("goes on", unknown.Text, StringComparison.Ordinal);

        var huge = await chat.SayAsync("/subscribe " + new string('x', 4000));
        Assert.StartsWith("That name is longer than any place or actor I know.", huge.Text, StringComparison.Ordinal);

        var hugeUnsubscribe = await chat.SayAsync("/unsubscribe " + new string('ب', 4000));
        Assert.StartsWith("That name is longer", hugeUnsubscribe.Text, StringComparison.Ordinal);

        // Platforms other than the sandbox allow longer texts: 10 KB straight into the conversation service.
        var tenKilobytes = new string('ي', 10_240);
        foreach (var command in new[] { "/subscribe ", "/unsubscribe ", "/timezone ", "/quiet ", "/lang ", "/" })
        {
            await using var scope = chat.App.Services.CreateAsyncScope();
            var privateChat = SandboxPlatform.ChatOf(chat.ChatId);
            var from = new ChatSender(chat.ChatId);
            var replies = new ChatReplies(
                scope.ServiceProvider.GetRequiredService<MessageSender>(), scope.ServiceProvider.GetRequiredService<ChatPlatforms>(), privateChat, from);
            await scope.ServiceProvider.GetRequiredService<ConversationService>()
                .HandleTextAsync(new IncomingText(privateChat, from, command + tenKilobytes), replies, CancellationToken.None);
            var reply = await chat.LastAsync();
            Assert.True(reply.Text.Length < 700, command);
            Assert.DoesNotContain(new string('ي', 41), reply.Text, StringComparison.Ordinal);
        }

        var badZone = await chat.SayAsync("/timezone ../../etc/passwd");
        Assert.StartsWith("I don't know the time zone \"../../etc/passwd\"", badZone.Text, StringComparison.Ordinal);

        Assert.Empty(await chat.SubscriptionsAsync());
        Assert.Equal(Recipient.DefaultTimeZone, (await chat.RecipientAsync())!.TimeZone);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Browsing_the_tree_down_to_a_village_and_pressing_it_subscribes(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "604");
        await chat.SayAsync("/lang en");
        var menu = await chat.SayAsync("/subscribe");
        Assert.Equal(["br", "ba:0", "bt"], menu.Buttons.SelectMany(r => r).Select(b => b.Data));

        // Browsing edits the menu in place.
        foreach (var step in new[] { "br", "bp:SY09", "bp:SY0903", "bp:SY090300" })
        {
            var press = await chat.PressAsync(menu.Id, step);
            Assert.True(press.MatchedButton, step);
            Assert.Null(press.Notice);
        }

        var mayadinSubdistrict = await chat.MessageAsync(menu.Id);
        Assert.StartsWith("Al Mayadin Subdistrict (subdistrict, Mayadin District)", mayadinSubdistrict.Text, StringComparison.Ordinal);
        var data = mayadinSubdistrict.Buttons.SelectMany(r => r).Select(b => b.Data).ToList();
        Assert.Equal("sp:SY090300", data[0]);
        Assert.Contains("sp:ES041", data);
        Assert.Equal("bp:SY0903", data[^1]);
        Assert.All(mayadinSubdistrict.Buttons, row => Assert.True(row.Count <= 10));

        await chat.PressAsync(menu.Id, "sp:ES041");
        Assert.StartsWith("Subscribed to Buqrus (village, Mayadin District).", (await chat.LastAsync()).Text, StringComparison.Ordinal);
        Assert.Equal("ES041", Assert.Single(await chat.SubscriptionsAsync()).PlaceId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Actor_group_is_subscribed_by_name_and_by_menu(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "605");
        await chat.SayAsync("/lang en");

        var typed = await chat.SayAsync("/subscribe الحشد الشعبي");
        Assert.StartsWith("Subscribed to Popular Mobilization Forces", typed.Text, StringComparison.Ordinal);

        var menu = await chat.SayAsync("/subscribe");
        await chat.PressAsync(menu.Id, "ba:0");
        var actors = await chat.MessageAsync(menu.Id);
        Assert.Contains("sa:iran_backed_militias", actors.Buttons.SelectMany(r => r).Select(b => b.Data));
        await chat.PressAsync(menu.Id, "sa:iran_backed_militias");
        Assert.Contains("Iran-backed militias (with all its members)", (await chat.LastAsync()).Text, StringComparison.Ordinal);

        Assert.Equal(["hashd_al_shaabi", "iran_backed_militias"], (await chat.SubscriptionsAsync()).Select(s => s.ActorId).Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unsubscribe_by_name_and_by_button_removes_the_subscription_and_logs_the_change(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "606");
        await chat.SayAsync("/lang en");
        await chat.SayAsync("/subscribe الميادين");
        await chat.SayAsync("/subscribe Hajin");
        await chat.SayAsync("/subscribe shelling");
        var changesBefore = await chat.ChangeCountAsync();

        var byName = await chat.SayAsync("/unsubscribe Mayadin");
        Assert.StartsWith("Unsubscribed from al-Mayadin (city, Mayadin District).", byName.Text, StringComparison.Ordinal);
        Assert.StartsWith("This chat has no subscription to \"Mayadin\"", (await chat.SayAsync("/unsubscribe Mayadin")).Text, StringComparison.Ordinal);

        var list = await chat.SayAsync("/unsubscribe");
        var buttons = list.Buttons.SelectMany(r => r).ToList();
        Assert.Equal(2, buttons.Count);
        var shelling = buttons.Single(b => b.Label.Contains("Shelling", StringComparison.Ordinal));
        await chat.PressAsync(list.Id, shelling.Data);
        Assert.Equal("Unsubscribed from Shelling.", (await chat.LastAsync()).Text);

        // The same button again: that subscription is gone.
        Assert.Equal(StaleEn, (await chat.PressAsync(list.Id, shelling.Data)).Notice);

        var left = Assert.Single(await chat.SubscriptionsAsync());
        Assert.Null(left.EventType);
        Assert.NotNull(left.PlaceId);
        Assert.Equal(changesBefore + 2, await chat.ChangeCountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_shows_subscriptions_with_parent_pause_quiet_hours_and_time_zone(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "607");
        await chat.SayAsync("/lang en");
        Assert.StartsWith("This chat has no subscriptions.", (await chat.SayAsync("/list")).Text, StringComparison.Ordinal);

        await chat.SayAsync("/subscribe al-Mayadin");
        await chat.SayAsync("/subscribe Hezbollah");
        Assert.Equal("Quiet hours: 22:00–06:30; alerts arrive without sound.", (await chat.SayAsync("/quiet 22:00-6:30 silent")).Text);
        Assert.Equal("Time zone set to Europe/Berlin.", (await chat.SayAsync("/timezone Europe/Berlin")).Text);
        await chat.SayAsync("/pause");

        var list = (await chat.SayAsync("/list")).Text;
        Assert.Contains("• al-Mayadin (city, Mayadin District)", list, StringComparison.Ordinal);
        Assert.Contains("• Hezbollah (Lebanese)", list, StringComparison.Ordinal);
        Assert.Contains("Alerts: paused", list, StringComparison.Ordinal);
        Assert.Contains("Quiet hours: 22:00–06:30; alerts arrive without sound.", list, StringComparison.Ordinal);
        Assert.Contains("Time zone: Europe/Berlin.", list, StringComparison.Ordinal);

        await chat.SayAsync("/lang ar");
        var arabic = (await chat.SayAsync("/list")).Text;
        Assert.Contains("• الميادين (مدينة، منطقة الميادين)", arabic, StringComparison.Ordinal);
        Assert.Contains("متوقفة مؤقتًا", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("Alerts", arabic, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Quiet_window_across_midnight_is_stored_and_bad_input_changes_nothing(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "608");
        await chat.SayAsync("/lang en");

        await chat.SayAsync("/quiet 23:00-07:00");
        var recipient = (await chat.RecipientAsync())!;
        Assert.Equal(new TimeOnly(23, 0), recipient.QuietFrom);
        Assert.Equal(new TimeOnly(7, 0), recipient.QuietUntil);
        Assert.Equal(QuietMode.Hold, recipient.QuietMode);

        foreach (var bad in new[] { "/quiet 25:00-07:00", "/quiet 23:00", "/quiet 07:00-07:00", "/quiet 23:00-07:00 loud", "/quiet" })
        {
            var reply = await chat.SayAsync(bad);
            Assert.Contains("Type /quiet 23:00-07:00", reply.Text, StringComparison.Ordinal);
            Assert.Contains("Quiet hours: 23:00–07:00", reply.Text, StringComparison.Ordinal);
        }

        Assert.Equal(new TimeOnly(23, 0), (await chat.RecipientAsync())!.QuietFrom);
        Assert.Equal("Quiet hours are off.", (await chat.SayAsync("/quiet off")).Text);
        Assert.Null((await chat.RecipientAsync())!.QuietFrom);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pause_and_resume_flip_the_chat_and_log_a_change_per_subscription(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "609");
        await chat.SayAsync("/lang en");
        await chat.SayAsync("/subscribe Hajin");
        var before = await chat.ChangeCountAsync();

        Assert.StartsWith("Alerts for this chat are paused", (await chat.SayAsync("/pause")).Text, StringComparison.Ordinal);
        Assert.True((await chat.RecipientAsync())!.Paused);
        Assert.StartsWith("Alerts are already paused", (await chat.SayAsync("/pause")).Text, StringComparison.Ordinal);
        Assert.Equal("Alerts for this chat are on again.", (await chat.SayAsync("/resume")).Text);
        Assert.False((await chat.RecipientAsync())!.Paused);
        Assert.Equal(before + 2, await chat.ChangeCountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stop_after_confirmation_deletes_the_chat_and_a_later_start_makes_a_new_one(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "610");
        await chat.SayAsync("/lang en");
        await chat.SayAsync("/subscribe الميادين");
        var oldId = (await chat.RecipientAsync())!.Id;

        var confirm = await chat.SayAsync("/stop");
        Assert.Equal(["stop:yes", "stop:no"], confirm.Buttons.SelectMany(r => r).Select(b => b.Data));
        Assert.NotNull(await chat.RecipientAsync());

        await chat.PressAsync(confirm.Id, "stop:yes");
        Assert.StartsWith("This chat and all its subscriptions are deleted. Goodbye!", (await chat.MessageAsync(confirm.Id)).Text, StringComparison.Ordinal);
        Assert.Null(await chat.RecipientAsync());
        await using (var db = chat.Db())
        {
            Assert.False(await db.Subscriptions.AnyAsync(s => s.RecipientId == oldId));
        }

        await chat.SayAsync("/start");
        var fresh = (await chat.RecipientAsync())!;
        Assert.NotEqual(oldId, fresh.Id);
        Assert.Equal(ChatLanguage.Both, fresh.Language);
        Assert.Empty(await chat.SubscriptionsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_a_group_a_non_admin_is_refused_every_change_and_nothing_changes(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "-911");
        await chat.App.Services.GetRequiredService<SandboxChats>().SetMemberAsync("-911", "alice", isAdmin: true, CancellationToken.None);
        await chat.App.Services.GetRequiredService<SandboxChats>().SetMemberAsync("-911", "bob", isAdmin: false, CancellationToken.None);
        await chat.SayAsync("/lang en", "alice");
        var subscribed = await chat.SayAsync("/subscribe الميادين", "alice");
        Assert.StartsWith("Subscribed to al-Mayadin", subscribed.Text, StringComparison.Ordinal);
        var changes = await chat.ChangeCountAsync();

        foreach (var command in new[] { "/subscribe Hajin", "/unsubscribe الميادين", "/quiet 22:00-06:00", "/pause", "/timezone Europe/Berlin", "/stop" })
        {
            Assert.Equal("Only this group's admins can change its settings.", (await chat.SayAsync(command, "bob")).Text);
        }

        var offered = await chat.PressAsync(subscribed.Id, "sp:SY0903", "bob");
        Assert.Equal("Only this group's admins can change its settings.", offered.Notice);
        var list = await chat.SayAsync("/unsubscribe", "bob");
        Assert.Equal("Only this group's admins can change its settings.", (await chat.PressAsync(list.Id, list.Buttons[0][0].Data, "bob")).Notice);

        // Reading stays open to everyone.
        Assert.Contains("al-Mayadin", (await chat.SayAsync("/list", "bob")).Text, StringComparison.Ordinal);

        var recipient = (await chat.RecipientAsync())!;
        Assert.False(recipient.Paused);
        Assert.Null(recipient.QuietFrom);
        Assert.Equal(Recipient.DefaultTimeZone, recipient.TimeZone);
        Assert.Equal("ES037", Assert.Single(await chat.SubscriptionsAsync()).PlaceId);
        Assert.Equal(changes, await chat.ChangeCountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Forged_subscription_buttons_are_refused_and_change_nothing(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "612");
        await using var other = chat.Other("613");
        await other.SayAsync("/subscribe Hajin");
        var othersSubscription = Assert.Single(await other.SubscriptionsAsync());

        await chat.SayAsync("/lang en");
        var menu = await chat.SayAsync("/subscribe");
        var changes = await chat.ChangeCountAsync();
        foreach (var forged in new[]
        {
            "sp:NOWHERE", "sp:", "sa:nobody", "st:picnic", "bp:SY09:99", "bp:SY09:-1", "bp:NOWHERE", "ba:x", "ul:0",
            "un:" + othersSubscription.Id, "un:abc", "un:-1", "stop:maybe", "menu:1", "br:0", "sp:SY09:extra",
            "sp:" + new string('9', 60),
        })
        {
            var press = await chat.PressAsync(menu.Id, forged);
            Assert.False(press.MatchedButton, forged);
            Assert.Equal(StaleEn, press.Notice);
        }

        Assert.Empty(await chat.SubscriptionsAsync());
        Assert.Single(await other.SubscriptionsAsync());
        Assert.Equal(changes, await chat.ChangeCountAsync());
        Assert.Equal("What should this chat be alerted about?", (await chat.MessageAsync(menu.Id)).Text);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deactivated_chat_that_writes_again_is_reactivated(string provider)
    {
        await using var chat = await SandboxChat.OpenAsync(provider, "614");
        await chat.SayAsync("/subscribe Hajin");
        var id = (await chat.RecipientAsync())!.Id;
        await using (var scope = chat.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionService>().DeactivateAsync(id, "bot blocked", CancellationToken.None);
        }

        Assert.NotNull((await chat.RecipientAsync())!.DeactivatedAt);

        await chat.SayAsync("/help");
        var recipient = (await chat.RecipientAsync())!;
        Assert.Equal(id, recipient.Id);
        Assert.Null(recipient.DeactivatedAt);
        Assert.Null(recipient.DeactivatedReason);
    }

    /// <summary>One sandbox chat of a running app, with the database next to it.</summary>
    private sealed class SandboxChat : IAsyncDisposable
    {
        private readonly TestDatabase? _database;
        private readonly bool _ownsApp;
        private readonly HttpClient _api;

        private SandboxChat(TestDatabase? database, AlertBotApp app, string chatId, bool ownsApp)
        {
            _database = database;
            App = app;
            ChatId = chatId;
            _ownsApp = ownsApp;
            _api = app.ApiClient();
        }

        public AlertBotApp App { get; }

        public string ChatId { get; }

        public static async Task<SandboxChat> OpenAsync(string provider, string chatId)
        {
            var database = await TestDatabase.CreateAsync(provider);
            return new SandboxChat(database, new AlertBotApp(database), chatId, ownsApp: true);
        }

        /// <summary>Another chat of the same app.</summary>
        public SandboxChat Other(string chatId) => new(null, App, chatId, ownsApp: false);

        /// <summary>Sends <paramref name="text"/> and returns the bot's last message after it.</summary>
        public async Task<SandboxMessageDto> SayAsync(string text, string? userId = null)
        {
            var response = await _api.PostAsJsonAsync($"/api/sandbox/chats/{ChatId}/messages", new { text, userId });
            response.EnsureSuccessStatusCode();
            return await LastAsync();
        }

        public async Task<SandboxPressResult> PressAsync(long messageId, string button, string? userId = null) =>
            await AlertBotApp.ReadAsync<SandboxPressResult>(
                await _api.PostAsJsonAsync($"/api/sandbox/chats/{ChatId}/press", new { messageId, button, userId }));

        public async Task<SandboxMessageDto> LastAsync() => (await TranscriptAsync()).Last(m => m.FromBot);

        public async Task<SandboxMessageDto> MessageAsync(long id) => (await TranscriptAsync()).Single(m => m.Id == id);

        public AlertBotDb Db() => App.Services.GetRequiredService<AlertBotDbFactory>().Create();

        public async Task<Recipient?> RecipientAsync()
        {
            await using var db = Db();
            return await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Platform == "sandbox" && r.ChatId == ChatId);
        }

        public async Task<List<Subscription>> SubscriptionsAsync()
        {
            await using var db = Db();
            return await db.Subscriptions.AsNoTracking()
                .Where(s => db.Recipients.Any(r => r.Id == s.RecipientId && r.Platform == "sandbox" && r.ChatId == ChatId))
                .OrderBy(s => s.Id)
                .ToListAsync();
        }

        public async Task<int> ChangeCountAsync()
        {
            await using var db = Db();
            return await db.SubscriptionChanges.CountAsync(c => db.Recipients.Any(r => r.Id == c.RecipientId && r.Platform == "sandbox" && r.ChatId == ChatId));
        }

        public async ValueTask DisposeAsync()
        {
            _api.Dispose();
            if (_ownsApp)
            {
                await App.DisposeAsync();
                await _database!.DisposeAsync();
            }
        }

        private async Task<List<SandboxMessageDto>> TranscriptAsync() =>
            (await _api.GetFromJsonAsync<List<SandboxMessageDto>>($"/api/sandbox/chats/{ChatId}/messages"))!;
    }
}
