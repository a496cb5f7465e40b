using System.Globalization;
using System.Text.Json.Nodes;
using AlertBot.Api;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Discord;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>The moderators' channel on Discord, and the whole path from a slash command to an alert, through the fake.</summary>
public sealed class DiscordModeratorTests
{
    private const string ModeratorChannel = "600000000000000901";
    private const string AlertChannel = "600000000000000902";
    private const string Outsider = "7002";
    private const ulong ManageChannels = 1 << 4;
    private const ulong SendMessages = 1 << 11;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_member_subscribes_a_moderator_confirms_with_a_button_and_each_subscriber_gets_exactly_one_alert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        const string person = "500000000000000901", member = "500000000000000902", admin = "500000000000000903";
        bot.Fake.AddUser(person);

        // A member subscribes in DMs, picking al-Mayadin from autocomplete.
        var typing = bot.Fake.Autocomplete(person, "subscribe", "target", "الميادين");
        await bot.InteractAsync(typing);
        var choice = bot.Fake.Interaction(typing.Id).Choices.First(c => c.Name.StartsWith("al-Mayadin ·", StringComparison.Ordinal));
        await bot.InteractAsync(bot.Fake.SlashCommand(person, "subscribe", Target(choice.Value)));
        Assert.Single(await bot.SubscriptionsAsync(person));

        // In the alerts channel, a member without Manage Channels changes nothing; an admin subscribes the channel.
        await bot.InteractAsync(bot.Fake.SlashCommand(member, "subscribe", Target("al-Mayadin"), AlertChannel, SendMessages));
        Assert.Empty(await bot.SubscriptionsAsync(AlertChannel));
        await bot.InteractAsync(bot.Fake.SlashCommand(admin, "subscribe", Target("al-Mayadin"), AlertChannel, ManageChannels));
        Assert.Single(await bot.SubscriptionsAsync(AlertChannel));

        using var api = bot.App.ApiClient();
        var eventId = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        var card = await CardAsync(bot, eventId);
        Assert.Contains($"Event #{eventId} pending", card.Text, StringComparison.Ordinal);
        Assert.Contains("[Deir Press](<https://deir.example/news/mayadin-shelling>)", card.RawText, StringComparison.Ordinal);
        Assert.Contains("__", card.RawText, StringComparison.Ordinal);
        Assert.Equal(["mc:" + Id(eventId), "mr:" + Id(eventId), "mk:" + Id(eventId)], card.Buttons.Select(b => b.CustomId));

        // Someone who is not a moderator presses Confirm: refused privately, the event stays pending.
        var refused = bot.Fake.Press(Outsider, card, "mc:" + Id(eventId), ManageChannels);
        await bot.InteractAsync(refused);
        Assert.Equal(DiscordCallbackEphemeral, bot.Fake.Interaction(refused.Id).CallbackData!["flags"]!.GetValue<int>());
        Assert.Equal("Only moderators can do this. · هذا للمشرفين فقط.", bot.Fake.Interaction(refused.Id).CallbackData!["content"]!.GetValue<string>());
        Assert.Equal("pending", await StatusAsync(api, eventId));

        // A forged custom id under the card is not an action either.
        await bot.InteractAsync(bot.Fake.Press(DiscordBot.Moderator, card, "mc:999999"));
        Assert.Equal("pending", await StatusAsync(api, eventId));

        var confirm = bot.Fake.Press(DiscordBot.Moderator, card, "mc:" + Id(eventId));
        await bot.InteractAsync(confirm);
        Assert.Equal("Done. · تم.", bot.Fake.Interaction(confirm.Id).CallbackData!["content"]!.GetValue<string>());
        Assert.Equal("confirmed", await StatusAsync(api, eventId));
        var decided = bot.Fake.Message(card.Id);
        Assert.Contains($"Event #{eventId} confirmed** by discord:7001", decided.Text, StringComparison.Ordinal);
        Assert.Empty(decided.Buttons);

        await Alerts.Alerts.SettledAsync(bot.Services);
        var dm = Assert.Single(bot.Fake.DmsTo(person), m => m.InteractionId is null);
        var posted = Assert.Single(bot.Fake.MessagesIn(AlertChannel), m => m.InteractionId is null);
        foreach (var alert in new[] { dm, posted })
        {
            Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
            Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        }

        Assert.Null(dm.Embeds);
        Assert.Single(posted.Embeds!);
        Assert.Single(bot.Fake.MessagesIn(ModeratorChannel), m => m.InteractionId is null);
        Assert.All(bot.Fake.MessagesIn(ModeratorChannel).Where(m => m.InteractionId is not null), m => Assert.True(m.Ephemeral));
        bot.AssertNoMessageCanMention();
        Assert.Equal(0, bot.Fake.TooManyRequests);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reject_asks_the_reason_in_a_modal_and_only_a_moderators_submission_rejects(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        using var api = bot.App.ApiClient();
        var eventId = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        var card = await CardAsync(bot, eventId);

        var reject = bot.Fake.Press(DiscordBot.Moderator, card, "mr:" + Id(eventId));
        await bot.InteractAsync(reject);
        var modal = bot.Fake.Interaction(reject.Id);
        Assert.Equal(9, modal.CallbackType);
        Assert.Equal("mr:" + Id(eventId), modal.CallbackData!["custom_id"]!.GetValue<string>());

        var reason = new Dictionary<string, string> { ["reason"] = "a repost of last week's shelling" };
        var forged = bot.Fake.SubmitModal(Outsider, card, "mr:" + Id(eventId), reason);
        await bot.InteractAsync(forged);
        Assert.Equal("Only moderators can do this. · هذا للمشرفين فقط.", bot.Fake.Interaction(forged.Id).CallbackData!["content"]!.GetValue<string>());
        Assert.Equal("pending", await StatusAsync(api, eventId));

        await bot.InteractAsync(bot.Fake.SubmitModal(DiscordBot.Moderator, card, "mr:" + Id(eventId), reason));
        Assert.Equal("rejected", await StatusAsync(api, eventId));
        await DiscordBot.UntilAsync(
            () => bot.Fake.Message(card.Id).Text.Contains("rejected** by discord:7001: a repost of last week's shelling", StringComparison.Ordinal),
            "the card to show the rejection");
        Assert.Empty(bot.Fake.Message(card.Id).Buttons);

        // Decided elsewhere (the API), a card follows too.
        var other = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        var otherCard = await CardAsync(bot, other);
        await api.PostAsync(new Uri($"/api/events/{other}/confirm", UriKind.Relative), null);
        await DiscordBot.UntilAsync(() => bot.Fake.Message(otherCard.Id).Buttons.Count == 0, "the other card to follow the API's decision");
        bot.AssertNoMessageCanMention();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_marks_the_card_and_Merge_on_a_linked_event_merges_it_into_the_decided_one(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await StartAsync(database);
        using var api = bot.App.ApiClient();
        var decided = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        await api.PostAsync(new Uri($"/api/events/{decided}/confirm", UriKind.Relative), null);
        var linked = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        var card = await CardAsync(bot, linked);
        Assert.DoesNotContain(card.Buttons, b => b.CustomId.StartsWith("mm:", StringComparison.Ordinal));

        // Claim: the card says who has it, and the event stays pending.
        var claim = bot.Fake.Press(DiscordBot.Moderator, card, "mk:" + Id(linked));
        await bot.InteractAsync(claim);
        Assert.Equal(DiscordCallbackEphemeral, bot.Fake.Interaction(claim.Id).CallbackData!["flags"]!.GetValue<int>());
        await DiscordBot.UntilAsync(() => bot.Fake.Message(card.Id).Text.Contains("Claimed by discord:7001", StringComparison.Ordinal), "the card to show the claim");
        Assert.Equal("pending", await StatusAsync(api, linked));

        // Clustering links an event to a decided one it may repeat; here the link is made directly.
        await Alerts.Alerts.InScopeAsync(bot.Services, db => db.Events.Where(e => e.Id == linked)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.LinkedEventId, decided).SetProperty(e => e.LinkReason, "same shelling")));
        await bot.Services.GetRequiredService<global::AlertBot.Discord.DiscordModeratorCards>().RefreshAsync(linked, CancellationToken.None);
        Assert.Contains(bot.Fake.Message(card.Id).Buttons, b => b.CustomId == "mm:" + Id(linked));
        await Alerts.Alerts.UntilAsync(
            () => Alerts.Alerts.InScopeAsync(bot.Services, db => db.IssuedMenus.AnyAsync(m => m.ChatId == ModeratorChannel && m.MessageId == card.Id && m.ButtonsJson.Contains("mm:"))),
            TimeSpan.FromSeconds(30),
            "the Merge button to be recorded");

        // Someone who is not a moderator cannot merge.
        var refused = bot.Fake.Press(Outsider, bot.Fake.Message(card.Id), "mm:" + Id(linked), ManageChannels);
        await bot.InteractAsync(refused);
        Assert.Equal("Only moderators can do this. · هذا للمشرفين فقط.", bot.Fake.Interaction(refused.Id).CallbackData!["content"]!.GetValue<string>());
        Assert.Equal("pending", await StatusAsync(api, linked));

        var merge = bot.Fake.Press(DiscordBot.Moderator, bot.Fake.Message(card.Id), "mm:" + Id(linked));
        await bot.InteractAsync(merge);
        Assert.Equal("Done. · تم.", bot.Fake.Interaction(merge.Id).CallbackData!["content"]!.GetValue<string>());
        Assert.Equal("merged", await StatusAsync(api, linked));
        var merged = bot.Fake.Message(card.Id);
        Assert.Contains($"Event #{linked} merged** into #{decided} by discord:7001", merged.Text, StringComparison.Ordinal);
        Assert.Empty(merged.Buttons);
        bot.AssertNoMessageCanMention();
    }

    private const int DiscordCallbackEphemeral = 64;

    private static Task<DiscordBot> StartAsync(TestDatabase database) =>
        DiscordBot.StartAsync(database, new Dictionary<string, string?> { ["Discord:ModeratorChannelId"] = ModeratorChannel }, arrange: fake =>
        {
            fake.AddChannel(ModeratorChannel, DiscordBot.Guild);
            fake.AddChannel(AlertChannel, DiscordBot.Guild);
        });

    private static JsonArray Target(string value) => new(new JsonObject { ["name"] = "target", ["type"] = 3, ["value"] = value });

    private static async Task<FakeDiscordMessage> CardAsync(DiscordBot bot, long eventId)
    {
        var data = "mc:" + Id(eventId);
        await DiscordBot.UntilAsync(() => bot.Fake.MessagesIn(ModeratorChannel).Any(m => m.Buttons.Any(b => b.CustomId == data)), $"the card of event {eventId}");
        var card = bot.Fake.MessagesIn(ModeratorChannel).Single(m => m.Buttons.Any(b => b.CustomId == data));

        // Discord shows the card before the bot has noted what its buttons issue; a person cannot press that fast.
        await Alerts.Alerts.UntilAsync(
            () => Alerts.Alerts.InScopeAsync(bot.Services, db => db.IssuedMenus.AnyAsync(m => m.ChatId == ModeratorChannel && m.MessageId == card.Id)),
            TimeSpan.FromSeconds(30),
            "the card's buttons to be recorded");
        return card;
    }

    private static async Task<string> StatusAsync(HttpClient api, long eventId) =>
        (await AlertBotApp.ReadAsync<EventDto>(await api.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative)))).Status;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
