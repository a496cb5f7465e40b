using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AlertBot.Api;
using AlertBot.Core.Conversation;
using AlertBot.Core.Delivery;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Alerts;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AlertBot.IntegrationTests.Platforms;

/// <summary>
/// The platform port as real platforms will use it, through the sandbox: capabilities that size menus and split replies,
/// chats that move, deletes that fail, chat lifecycle, button data the bot never issued, busy groups.
/// </summary>
public sealed class PortTests(ITestOutputHelper output)
{
    /// <summary>A tight platform: Discord's five rows, button data of 25 bytes, 300 characters a message.</summary>
    private static readonly Dictionary<string, string?> Small = new()
    {
        ["Sandbox:MaxButtonRows"] = "5",
        ["Sandbox:MaxButtonsPerRow"] = "5",
        ["Sandbox:MaxButtonDataBytes"] = "25",
        ["Sandbox:MaxTextLength"] = "300",
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Whole_conversation_works_within_five_rows_25_byte_data_and_300_characters(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, Small);
        using var api = app.ApiClient();
        var chat = new Chat(api, "1201");

        var welcome = await chat.SayAsync("/start");
        Assert.Contains("lang:en", welcome.Buttons.SelectMany(r => r).Select(b => b.Data));
        await chat.PressAsync(welcome.Id, "lang:en");
        Assert.Equal(ChatLanguage.En, (await RecipientAsync(app, "1201"))!.Language);

        // Places: the governorate's districts and towns page within five rows, and a town deep in the tree subscribes.
        var menu = await chat.SayAsync("/subscribe");
        await chat.PressAsync(menu.Id, "br");
        await chat.PressAsync(menu.Id, "bp:SY09");
        var pages = await chat.PageThroughAsync(menu.Id, "bp:SY09");
        Assert.True(pages.Count >= 2, "the governorate's places need more than one page of five rows");
        Assert.Contains(pages.SelectMany(p => p.Buttons).SelectMany(r => r), b => b.Data == "bp:SY0903");
        await chat.PressAsync(menu.Id, "br");
        await chat.PressAsync(menu.Id, "bp:SY09");
        await chat.PageUntilAsync(menu.Id, b => b.Data == "bp:SY0903");
        await chat.PressAsync(menu.Id, "bp:SY0903");
        var sent = (await chat.BotMessagesAsync()).Count;
        await chat.PressAsync(menu.Id, "sp:SY0903");
        Assert.Contains("Subscribed to Mayadin District", await chat.TextSinceAsync(sent), StringComparison.Ordinal);

        // Actors and event types page too, and every actor and type is reachable.
        var actorsMenu = await chat.SayAsync("/subscribe");
        await chat.PressAsync(actorsMenu.Id, "ba:0");
        var actorPages = await chat.PageThroughAsync(actorsMenu.Id, "ba");
        var offeredActors = actorPages.SelectMany(p => p.Buttons).SelectMany(r => r).Where(b => b.Data.StartsWith("sa:", StringComparison.Ordinal)).ToList();
        Assert.Equal(AlertBot.Extraction.ActorTaxonomy.All.Count(a => a.Id != "unknown"), offeredActors.Count);
        await chat.PressAsync(actorsMenu.Id, offeredActors[^1].Data);

        var typesMenu = await chat.SayAsync("/subscribe");
        await chat.PressAsync(typesMenu.Id, "bt");
        var typePages = await chat.PageThroughAsync(typesMenu.Id, "bt");
        var offeredTypes = typePages.SelectMany(p => p.Buttons).SelectMany(r => r).Count(b => b.Data.StartsWith("st:", StringComparison.Ordinal));
        Assert.Equal(AlertBot.Extraction.EventTypes.All.Count, offeredTypes);

        // Typed names still work, and the list arrives whole over several messages.
        await chat.SayAsync("/subscribe al-Tanf");
        await chat.SayAsync("/subscribe Albu Kamal");
        var before = (await chat.BotMessagesAsync()).Count;
        await chat.SayAsync("/list");
        var list = (await chat.BotMessagesAsync()).Skip(before).ToList();
        var listed = Flat(string.Join("\n", list.Select(m => m.Text)));
        foreach (var expected in new[] { "Mayadin District", "al-Tanf", "Albu Kamal", offeredActors[^1].Label.TrimStart('＋', ' ', '·') })
        {
            Assert.Contains(expected, listed, StringComparison.Ordinal);
        }

        // The unsubscribe list pages as well, and removes what is pressed.
        var unsubscribe = await chat.SayAsync("/unsubscribe");
        var first = unsubscribe.Buttons.SelectMany(r => r).First(b => b.Data.StartsWith("un:", StringComparison.Ordinal));
        sent = (await chat.BotMessagesAsync()).Count;
        await chat.PressAsync(unsubscribe.Id, first.Data);
        Assert.StartsWith("Unsubscribed", await chat.TextSinceAsync(sent), StringComparison.Ordinal);

        await chat.AssertEveryMessageFitsAsync(maxRows: 5, maxPerRow: 5, maxDataBytes: 25, maxText: 300);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Button_data_the_bot_did_not_issue_on_that_message_to_that_chat_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        var chat = new Chat(api, "1203");
        var welcome = await chat.SayAsync("/start");

        // sp:SY09 is real data of the place menus, but it was never issued under the language menu.
        var forged = await chat.PressAsync(welcome.Id, "sp:SY09");
        Assert.False(forged.MatchedButton);
        Assert.True(forged.Answered);
        Assert.Contains("no longer valid", forged.Notice, StringComparison.Ordinal);
        Assert.Empty(await SubscriptionsAsync(app, "1203"));

        // Data issued to another chat's menu, pressed here on the platform's side of things.
        var other = new Chat(api, "1204");
        var menu = await other.SayAsync("/subscribe");
        await other.PressAsync(menu.Id, "br");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var here = SandboxPlatform.ChatOf("1203");
            var from = new ChatSender("1203");
            var replies = new ChatReplies(scope.ServiceProvider.GetRequiredService<MessageSender>(), scope.ServiceProvider.GetRequiredService<ChatPlatforms>(), here, from, "press-1", menu.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var conversation = scope.ServiceProvider.GetRequiredService<ConversationService>();
            await conversation.HandlePressAsync(new ButtonPress(here, from, menu.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "sp:SY09", "press-1"), replies, CancellationToken.None);

            // Empty data (a modified client) is refused and answered too, not a server error.
            var replies2 = new ChatReplies(scope.ServiceProvider.GetRequiredService<MessageSender>(), scope.ServiceProvider.GetRequiredService<ChatPlatforms>(), here, from, "press-2", welcome.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await conversation.HandlePressAsync(new ButtonPress(here, from, welcome.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Empty, "press-2"), replies2, CancellationToken.None);
        }

        Assert.Empty(await SubscriptionsAsync(app, "1203"));
        Assert.Empty(await SubscriptionsAsync(app, "1204"));

        // The real button, pressed where it was issued, works.
        var places = await other.PressAsync(menu.Id, "bp:SY09");
        Assert.True(places.MatchedButton);
        Assert.Null(places.Notice);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Data_longer_than_the_platform_carries_travels_as_a_token_that_resolves_only_on_its_message(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?> { ["Sandbox:MaxButtonDataBytes"] = "16" });
        using var api = app.ApiClient();
        var chat = new Chat(api, "1205");
        var menu = await chat.SayAsync("/subscribe");
        await chat.PressAsync(menu.Id, "ba:0");
        var page = await chat.PageUntilAsync(menu.Id, IsIranBacked);

        // sa:iran_backed_militias is 23 bytes.
        var token = page.Buttons.SelectMany(r => r).Single(IsIranBacked);
        Assert.StartsWith("~", token.Data, StringComparison.Ordinal);
        Assert.All(page.Buttons.SelectMany(r => r), b => Assert.True(Encoding.UTF8.GetByteCount(b.Data) <= 16, b.Data));

        // The token means nothing under another message.
        var other = await chat.SayAsync("/subscribe");
        var stale = await chat.PressAsync(other.Id, token.Data);
        Assert.Contains("no longer valid", stale.Notice, StringComparison.Ordinal);
        Assert.Empty(await SubscriptionsAsync(app, "1205"));

        await chat.PressAsync(menu.Id, token.Data);
        Assert.Equal("iran_backed_militias", Assert.Single(await SubscriptionsAsync(app, "1205")).ActorId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_interaction_style_turn_is_answered_through_its_reply_context_within_the_deadline(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?> { ["Sandbox:MaxTextLength"] = "300" });
        using var api = app.ApiClient();
        (await api.PutAsJsonAsync("/api/sandbox/chats/-1700/members/1701", new { admin = true })).EnsureSuccessStatusCode();

        var subscribed = await InteractAsync(api, "-1700", "/subscribe al-Mayadin", "1701");
        Assert.True(subscribed.AnsweredInTime, $"first answer after {subscribed.FirstAnswerMilliseconds} ms");
        Assert.Single(await SubscriptionsAsync(app, "-1700"));

        // A long answer is several messages, all of them answers to the one interaction.
        var listed = await InteractAsync(api, "-1700", "/help", "1701");
        Assert.True(listed.AnsweredInTime);
        Assert.True(listed.MessageIds.Count > 1, "help in two languages is longer than 300 characters");
        var transcript = await Alerts.Alerts.BotMessagesAsync(api, "-1700");
        Assert.All(listed.MessageIds, id => Assert.Contains(transcript, m => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id));
        Assert.All(transcript, m => Assert.True(m.Text.Length <= 300));

        // A member who is not an admin is refused through the same context, and nothing changes.
        var refused = await InteractAsync(api, "-1700", "/unsubscribe al-Mayadin", "1702");
        Assert.True(refused.AnsweredInTime);
        Assert.Single(await SubscriptionsAsync(app, "-1700"));

        var notACommand = await api.PostAsJsonAsync("/api/sandbox/chats/-1700/interactions", new { text = "hello", userId = "1701" });
        Assert.Equal(HttpStatusCode.BadRequest, notACommand.StatusCode);
    }

    private static async Task<SandboxInteractionResult> InteractAsync(HttpClient api, string chatId, string text, string userId) =>
        await AlertBotApp.ReadAsync<SandboxInteractionResult>(await api.PostAsJsonAsync($"/api/sandbox/chats/{chatId}/interactions", new { text, userId }));

    private static bool IsIranBacked(ChatButton button) => button.Label.Contains("Iran-backed militias", StringComparison.Ordinal);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_group_that_moves_mid_broadcast_gets_every_alert_once_at_its_new_id(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        var recipientId = await Alerts.Alerts.SubscribeAsync(app.Services, "-1300", new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));
        await Alerts.Alerts.SubscribeAsync(app.Services, "1301", new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));

        // The group became a supergroup; the bot learns it only from the failed send.
        app.Services.GetRequiredService<SandboxFaults>().Inject(new SandboxFault(SandboxFaultKind.Migrated, ChatId: "-1300", MigrateToChatId: "-1399"));
        var shelling = await Alerts.Alerts.ConfirmMayadinShellingAsync(app);
        var airstrike = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(app.Services);

        Assert.Empty(await Alerts.Alerts.BotMessagesAsync(api, "-1300"));
        var moved = await Alerts.Alerts.BotMessagesAsync(api, "-1399");
        Assert.Equal(2, moved.Count);
        Assert.Equal(2, (await Alerts.Alerts.BotMessagesAsync(api, "1301")).Count);
        var recipient = (await RecipientAsync(app, "-1399"))!;
        Assert.Equal(recipientId, recipient.Id);
        Assert.True(recipient.Active);
        Assert.Single(await SubscriptionsAsync(app, "-1399"));
        var rows = await Alerts.Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().Where(o => o.RecipientId == recipientId).ToListAsync());
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));

        // A correction edits the alert where it now is.
        (await api.PatchAsJsonAsync($"/api/events/{shelling}", new { counts = new Dictionary<string, int> { ["killed"] = 2 } })).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(app.Services);
        var edited = (await Alerts.Alerts.BotMessagesAsync(api, "-1399")).Single(m => m.Text.Contains("قصف", StringComparison.Ordinal));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(2, (await Alerts.Alerts.BotMessagesAsync(api, "-1399")).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sends_that_learn_of_the_same_move_at_once_move_the_recipient_once_and_keep_it_active(string provider)
    {
        // Two alerts to a group in flight at once both fail with "upgraded to a supergroup"; the second may read the old
        // id before the first commits the move, and must then find its own recipient at the new id, not a rival to retire.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        for (var round = 0; round < 12; round++)
        {
            var from = $"-13{round:D2}0";
            var to = $"-13{round:D2}9";
            var recipientId = await Alerts.Alerts.SubscribeAsync(app.Services, from, new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IChatMigrations>().MovedAsync(SandboxPlatform.PlatformName, from, to, CancellationToken.None);
            })));

            Assert.Null(await RecipientAsync(app, from));
            var moved = (await RecipientAsync(app, to))!;
            Assert.Equal(recipientId, moved.Id);
            Assert.True(moved.Active, $"round {round}: {moved.DeactivatedReason}");
            Assert.Single(await SubscriptionsAsync(app, to));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_update_whose_surplus_part_cannot_be_deleted_is_still_done(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?> { ["Sandbox:MaxTextLength"] = "300" });
        using var api = app.ApiClient();
        var recipientId = await Alerts.Alerts.SubscribeAsync(app.Services, "1401", new SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));
        var shelling = await Alerts.Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.Alerts.SettledAsync(app.Services);
        var shortParts = (await Alerts.Alerts.BotMessagesAsync(api, "1401")).Count;

        // Long notes make the alert longer by a part or more; removing them makes it shorter again.
        var note = string.Join(' ', Enumerable.Repeat("Residents report damage to houses.", 7));
        (await api.PatchAsJsonAsync($"/api/events/{shelling}", new { noteEn = note, noteAr = note })).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(app.Services);
        var longParts = (await Alerts.Alerts.BotMessagesAsync(api, "1401")).Count;
        Assert.True(longParts > shortParts, $"the notes should add parts: {shortParts} → {longParts}");

        app.Services.GetRequiredService<SandboxFaults>().Inject(new SandboxFault(SandboxFaultKind.DeleteFails, Count: 10));
        (await api.PatchAsJsonAsync($"/api/events/{shelling}", new { noteEn = string.Empty, noteAr = string.Empty })).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(app.Services);

        var rows = await Alerts.Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().Where(o => o.RecipientId == recipientId).ToListAsync());
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        var registry = await Alerts.Alerts.InScopeAsync(app.Services, db => db.SentMessages.AsNoTracking().Where(m => m.RecipientId == recipientId).ToListAsync());
        Assert.Equal(longParts, registry.Count);
        Assert.Equal(longParts, (await Alerts.Alerts.BotMessagesAsync(api, "1401")).Count);

        // The parts the shorter alert still has were edited to it; the part that could not be deleted stays as it was.
        var messages = await Alerts.Alerts.BotMessagesAsync(api, "1401");
        Assert.All(messages.Take(shortParts), m => Assert.NotNull(m.EditedAt));
        Assert.DoesNotContain("Residents report damage", string.Join("\n", messages.Take(shortParts).Select(m => m.Text)), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chat_lifecycle_from_the_platform_deactivates_reactivates_and_records_who_added_the_bot(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();

        await LifecycleAsync(api, "-1500", new { @event = "added", userId = "77" });
        var group = (await RecipientAsync(app, "-1500"))!;
        Assert.Equal((ChatKind.Group, "77", true), (group.Kind, group.AddedByUserId, group.Active));
        await Alerts.Alerts.SubscribeAsync(app.Services, "-1500", new SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));

        await LifecycleAsync(api, "-1500", new { @event = "removed" });
        Assert.Equal(ChatLifecycle.RemovedReason, (await RecipientAsync(app, "-1500"))!.DeactivatedReason);
        await Alerts.Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.Alerts.SettledAsync(app.Services);
        Assert.Empty(await Alerts.Alerts.BotMessagesAsync(api, "-1500"));

        await LifecycleAsync(api, "-1500", new { @event = "added", userId = "78" });
        var again = (await RecipientAsync(app, "-1500"))!;
        Assert.True(again.Active);
        Assert.Equal("78", again.AddedByUserId);
        Assert.Single(await SubscriptionsAsync(app, "-1500"));

        var user = new Chat(api, "1501");
        await user.SayAsync("/start");
        await LifecycleAsync(api, "1501", new { @event = "blocked" });
        Assert.Equal(ChatLifecycle.BlockedReason, (await RecipientAsync(app, "1501"))!.DeactivatedReason);
        await LifecycleAsync(api, "1501", new { @event = "unblocked" });
        Assert.True((await RecipientAsync(app, "1501"))!.Active);

        // The group becomes a supergroup: settings and subscriptions follow, members keep their rights.
        (await api.PutAsJsonAsync("/api/sandbox/chats/-1500/members/78", new { admin = true })).EnsureSuccessStatusCode();
        await LifecycleAsync(api, "-1500", new { @event = "migrated", newChatId = "-1599" });
        Assert.Null(await RecipientAsync(app, "-1500"));
        Assert.Equal(again.Id, (await RecipientAsync(app, "-1599"))!.Id);
        var supergroup = new Chat(api, "-1599");
        await supergroup.SayAsync("/pause", userId: "78");
        Assert.True((await RecipientAsync(app, "-1599"))!.Paused);

        var bad = await api.PostAsJsonAsync("/api/sandbox/chats/-1599/lifecycle", new { @event = "exploded" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("added, removed, blocked, unblocked, migrated", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_busy_group_does_not_slow_private_chats_in_the_same_batch(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Sandbox:GroupMessagesPerMinute"] = "1",
            ["Sandbox:MaxTextLength"] = "300",
        });
        using var api = app.ApiClient();
        var groupId = await Alerts.Alerts.SubscribeAsync(app.Services, "-1600", new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));
        var privateChats = Enumerable.Range(1601, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var chat in privateChats)
        {
            await Alerts.Alerts.SubscribeAsync(app.Services, chat, new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));
        }

        // The first alert is several messages of 300 characters: more than the group's one a minute.
        await Alerts.Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.Alerts.UntilAsync(async () => (await Alerts.Alerts.BotMessagesAsync(api, "-1600")).Count >= 1, TimeSpan.FromSeconds(30), "the group's first message");
        await Alerts.Alerts.UntilAsync(
            () => Alerts.Alerts.InScopeAsync(app.Services, async db => !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending && o.RecipientId != groupId)),
            TimeSpan.FromSeconds(30),
            "the private chats' first alert, whole");
        var firstAlertParts = (await Alerts.Alerts.BotMessagesAsync(api, privateChats[0])).Count;
        Assert.True(firstAlertParts >= 2, $"the alert should need at least two messages at 300 characters, it has {firstAlertParts}");

        // While the group waits for its minute, a second event reaches every private chat at once.
        var clock = Stopwatch.StartNew();
        var airstrike = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await Alerts.Alerts.UntilAsync(
            async () =>
            {
                foreach (var chat in privateChats)
                {
                    if (!(await Alerts.Alerts.BotMessagesAsync(api, chat)).Any(m => m.Text.Contains("Albu Kamal", StringComparison.Ordinal)))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(20),
            "the second alert in every private chat");
        var privateLatency = clock.Elapsed;
        var groupSoFar = (await Alerts.Alerts.BotMessagesAsync(api, "-1600")).Count;
        output.WriteLine($"second alert in all 10 private chats after {privateLatency.TotalSeconds:0.0} s; the group had {groupSoFar} of its messages then");

        Assert.True(groupSoFar < firstAlertParts, "the group is still waiting for its limit while the private chats are served");
        Assert.True(privateLatency < TimeSpan.FromSeconds(20));
        var deferred = await Alerts.Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Pending).CountAsync());
        Assert.True(deferred >= 1, "the group's rows wait in the outbox, not in a dispatch slot");
        Assert.Equal(0, app.Services.GetRequiredService<SandboxFaults>().Stats().OverLimit);
    }

    /// <summary>Text as read: a reply split between words reads the same as one message.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static async Task LifecycleAsync(HttpClient api, string chatId, object body) =>
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/sandbox/chats/{chatId}/lifecycle", body)).StatusCode);

    private static async Task<Recipient?> RecipientAsync(AlertBotApp app, string chatId) =>
        await Alerts.Alerts.InScopeAsync(app.Services, db => db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Platform == "sandbox" && r.ChatId == chatId));

    private static async Task<List<Subscription>> SubscriptionsAsync(AlertBotApp app, string chatId) =>
        await Alerts.Alerts.InScopeAsync(app.Services, db => db.Subscriptions.AsNoTracking()
            .Where(s => db.Recipients.Any(r => r.Id == s.RecipientId && r.Platform == "sandbox" && r.ChatId == chatId))
            .ToListAsync());

    /// <summary>A sandbox chat driven through the HTTP API, as a script or a person would.</summary>
    private sealed class Chat(HttpClient api, string chatId)
    {
        public async Task<SandboxMessageDto> SayAsync(string text, string? userId = null)
        {
            (await api.PostAsJsonAsync($"/api/sandbox/chats/{chatId}/messages", new { text, userId })).EnsureSuccessStatusCode();
            return await LastAsync();
        }

        public async Task<SandboxPressResult> PressAsync(long messageId, string button)
        {
            var response = await api.PostAsJsonAsync($"/api/sandbox/chats/{chatId}/press", new { messageId, button });
            return await AlertBotApp.ReadAsync<SandboxPressResult>(response);
        }

        public async Task<List<SandboxMessageDto>> BotMessagesAsync() => await Alerts.Alerts.BotMessagesAsync(api, chatId);

        public async Task<SandboxMessageDto> LastAsync() => (await BotMessagesAsync()).Last();

        /// <summary>The text of the bot's messages after the first <paramref name="count"/>, as one text read in a row.</summary>
        public async Task<string> TextSinceAsync(int count) => Flat(string.Join("\n", (await BotMessagesAsync()).Skip(count).Select(m => m.Text)));

        public async Task<SandboxMessageDto> MessageAsync(long id) => (await BotMessagesAsync()).Single(m => m.Id == id);

        /// <summary>Presses "next" under a paged menu until a page shows a button that <paramref name="wanted"/> picks.</summary>
        public async Task<SandboxMessageDto> PageUntilAsync(long messageId, Func<ChatButton, bool> wanted)
        {
            for (var i = 0; i < 50; i++)
            {
                var page = await MessageAsync(messageId);
                if (page.Buttons.SelectMany(r => r).Any(wanted))
                {
                    return page;
                }

                var next = page.Buttons.SelectMany(r => r).Last(b => b.Label.Contains("Next", StringComparison.Ordinal));
                Assert.Null((await PressAsync(messageId, next.Data)).Notice);
            }

            throw new InvalidOperationException("the button is on no page");
        }

        /// <summary>Presses "next" under a paged menu until the last page; returns every page seen.</summary>
        public async Task<List<SandboxMessageDto>> PageThroughAsync(long messageId, string pagePrefix)
        {
            var pages = new List<SandboxMessageDto> { await MessageAsync(messageId) };
            for (var i = 0; i < 50; i++)
            {
                var next = pages[^1].Buttons.SelectMany(r => r).LastOrDefault(b => b.Data.StartsWith(pagePrefix, StringComparison.Ordinal) && b.Label.Contains("Next", StringComparison.OrdinalIgnoreCase));
                if (next is null)
                {
                    return pages;
                }

                var pressed = await PressAsync(messageId, next.Data);
                Assert.Null(pressed.Notice);
                pages.Add(await MessageAsync(messageId));
            }

            throw new InvalidOperationException("more than 50 pages");
        }

        public async Task AssertEveryMessageFitsAsync(int maxRows, int maxPerRow, int maxDataBytes, int maxText)
        {
            var messages = await BotMessagesAsync();
            Assert.NotEmpty(messages);
            Assert.All(messages, m =>
            {
                Assert.True(m.Text.Length <= maxText, $"{m.Text.Length} characters");
                Assert.True(m.Buttons.Count <= maxRows, $"{m.Buttons.Count} rows");
                Assert.All(m.Buttons, r => Assert.True(r.Count <= maxPerRow));
                Assert.All(m.Buttons.SelectMany(r => r), b => Assert.True(Encoding.UTF8.GetByteCount(b.Data) <= maxDataBytes, b.Data));
            });
        }
    }
}
