using System.Net.Http.Json;
using AlertBot.Core.Conversation;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Scenarios;

/// <summary>
/// The alert and conversation scenarios, written once and run over every database × every platform (the sandbox's API,
/// Telegram's fake Bot API, Discord's fake with its interactions endpoint). A platform passes when a person on it can do
/// what the product promises, each through that platform's own way in (on Discord, slash commands and components).
/// </summary>
public sealed class PlatformScenarioTests
{
    public static TheoryData<string, string> Matrix => ChatDrivers.Matrix();

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Typed_place_gives_one_bilingual_alert_and_a_retraction_answers_it(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4101;

        var reply = Assert.Single(await chat.SayAsync(user, "/subscribe الميادين"));
        Assert.Contains("الميادين (مدينة، منطقة الميادين)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Subscribed to al-Mayadin (city, Mayadin District).", reply.Text, StringComparison.Ordinal);
        Assert.Equal(Alerts.Alerts.AlMayadin, Assert.Single(await ScenarioStore.SubscriptionsAsync(chat, user)).PlaceId);

        var before = (await chat.MessagesAsync(user)).Count;
        var eventId = await Alerts.Alerts.ConfirmMayadinShellingAsync(chat.App);
        await Alerts.Alerts.SettledAsync(chat.App.Services);
        var alert = Assert.Single((await chat.MessagesAsync(user)).Skip(before));
        Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.False(alert.Silent);

        using (var api = chat.App.ApiClient())
        {
            (await api.PostAsJsonAsync($"/api/events/{eventId}/retract", new { reason = "The outlet withdrew its report" })).EnsureSuccessStatusCode();
        }

        await Alerts.Alerts.SettledAsync(chat.App.Services);
        var after = (await chat.MessagesAsync(user)).Skip(before).ToList();
        Assert.Equal(2, after.Count);
        var notice = after[1];
        Assert.Equal(alert.Id, notice.ReplyToId);
        Assert.Contains("سُحب التنبيه", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Retracted", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Retracted", after[0].Text, StringComparison.Ordinal); // the alert itself was edited to say so
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task In_quiet_hours_in_silent_mode_the_alert_arrives_without_a_sound(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4106;
        var damascus = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus"));
        var window = $"{damascus.AddHours(-1):HH\\:mm}-{damascus.AddHours(1):HH\\:mm}";

        await chat.SayAsync(user, "/lang en");
        await chat.SayAsync(user, "/subscribe al-Mayadin");
        var quiet = Assert.Single(await chat.SayAsync(user, $"/quiet {window} silent"));
        Assert.Contains(window.Replace('-', '–'), quiet.Text, StringComparison.Ordinal);

        var before = (await chat.MessagesAsync(user)).Count;
        await Alerts.Alerts.ConfirmMayadinShellingAsync(chat.App);
        await Alerts.Alerts.SettledAsync(chat.App.Services);
        var alert = Assert.Single((await chat.MessagesAsync(user)).Skip(before));
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.True(alert.Silent, "delivered without a sound (Telegram: disable_notification)");
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Menus_choose_the_language_browse_to_a_district_subscribe_and_unsubscribe(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4102;

        var welcome = Assert.Single(await chat.SayAsync(user, "/start"));
        Assert.Contains("lang:en", welcome.Buttons);
        await chat.PressAsync(user, welcome, "lang:en");
        Assert.Equal(ChatLanguage.En, (await ScenarioStore.RecipientAsync(chat, user)).Language);

        var menu = Assert.Single(await chat.SayAsync(user, "/subscribe"));
        await chat.PressAsync(user, menu, "br");
        menu = await CurrentAsync(chat, user, menu);
        await chat.PressAsync(user, menu, "bp:SY09");
        for (var page = 1; !(menu = await CurrentAsync(chat, user, menu)).Buttons.Contains("bp:SY0903"); page++)
        {
            Assert.True(page < 20, "some page of the governorate offers the Mayadin District");
            await chat.PressAsync(user, menu, menu.Buttons.Last(b => b.EndsWith(":" + page, StringComparison.Ordinal)));
        }

        await chat.PressAsync(user, menu, "bp:SY0903");
        var beforeSubscribe = (await chat.MessagesAsync(user)).Count;
        Assert.Null(await chat.PressAsync(user, await CurrentAsync(chat, user, menu), "sp:SY0903"));
        var confirmation = (await chat.MessagesAsync(user)).Skip(beforeSubscribe).Single();
        Assert.StartsWith("Subscribed to Mayadin District", confirmation.Text, StringComparison.Ordinal);
        var subscription = Assert.Single(await ScenarioStore.SubscriptionsAsync(chat, user));
        Assert.Equal("SY0903", subscription.PlaceId);

        var list = Assert.Single(await chat.SayAsync(user, "/list"));
        Assert.Contains("• Mayadin District", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("اشتراكات", list.Text, StringComparison.Ordinal);

        var unsubscribe = Assert.Single(await chat.SayAsync(user, "/unsubscribe"));
        var beforeRemove = (await chat.MessagesAsync(user)).Count;
        await chat.PressAsync(user, unsubscribe, "un:" + subscription.Id);
        Assert.Contains("Unsubscribed from Mayadin District", string.Join("\n", (await chat.MessagesAsync(user)).Skip(beforeRemove - 1).Select(m => m.Text)), StringComparison.Ordinal);
        Assert.Empty(await ScenarioStore.SubscriptionsAsync(chat, user));
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task List_of_100_subscriptions_in_both_languages_arrives_whole_within_the_platforms_length(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4103;
        await chat.SayAsync(user, "/start");

        var targets = chat.App.Services.GetRequiredService<SubscriptionTargets>();
        var places = targets.Gazetteer.Places.Take(SubscriptionService.MaxPerRecipient).ToList();
        var recipientId = (await ScenarioStore.RecipientAsync(chat, user)).Id;
        await using (var scope = chat.App.Services.CreateAsyncScope())
        {
            var subscriptions = scope.ServiceProvider.GetRequiredService<SubscriptionService>();
            foreach (var place in places)
            {
                await subscriptions.AddAsync(recipientId, new SubscriptionTarget(place.Id, null, null), DeliveryMode.Instant, CancellationToken.None);
            }
        }

        var parts = await chat.SayAsync(user, "/list");

        Assert.True(parts.Count > 1, $"100 subscriptions in two languages do not fit one message of {chat.MaxTextLength} characters");
        Assert.All(parts, p => Assert.True(p.Text.Length <= chat.MaxTextLength, $"a part of {p.Text.Length} characters"));
        var whole = string.Join("\n", parts.Select(p => p.Text));
        foreach (var place in places)
        {
            var description = targets.Describe(new SubscriptionTarget(place.Id, null, null));
            Assert.Contains("• " + description.En, whole, StringComparison.Ordinal);
            Assert.Contains("• " + description.Ar, whole, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Pressed_data_the_bot_never_issued_there_is_answered_and_changes_nothing(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4104, other = 4105;

        var welcome = Assert.Single(await chat.SayAsync(user, "/start"));
        Assert.Contains("no longer valid", await chat.PressAsync(user, welcome, "sp:ES037"), StringComparison.Ordinal);

        var theirs = Assert.Single(await chat.SayAsync(other, "/subscribe"));
        await chat.PressAsync(other, theirs, "br");
        var issuedToThem = (await CurrentAsync(chat, other, theirs)).Buttons.First(b => b.StartsWith("bp:", StringComparison.Ordinal));
        var menu = Assert.Single(await chat.SayAsync(user, "/subscribe"));
        Assert.Contains("no longer valid", await chat.PressAsync(user, menu, issuedToThem), StringComparison.Ordinal);
        Assert.Equal(menu.Text, (await CurrentAsync(chat, user, menu)).Text);

        Assert.Empty(await ScenarioStore.SubscriptionsAsync(chat, user));
        Assert.Empty(await ScenarioStore.SubscriptionsAsync(chat, other));
    }

    private static async Task<ChatView> CurrentAsync(IChatDriver chat, long user, ChatView message) =>
        (await chat.MessagesAsync(user)).Single(m => m.Id == message.Id);
}
