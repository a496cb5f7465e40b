using System.Net;
using System.Text.Json.Nodes;
using AlertBot.Core.Platforms;
using AlertBot.Discord;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Discord;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>The HTTP interactions endpoint and the slash commands, end to end through the fake's signed interactions.</summary>
public sealed class DiscordInteractionTests
{
    private const ulong ManageChannels = 1 << 4;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_endpoint_answers_a_signed_ping_and_refuses_forged_stale_replayed_and_unsigned_requests(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        var ping = bot.Fake.Ping().Json.ToJsonString();

        var (signature, timestamp) = bot.Fake.Sign(ping);
        var pong = await bot.PostAsync(ping, signature, timestamp);
        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
        Assert.Equal("application/json", pong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, JsonNode.Parse(await pong.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());

        // The same signed request again: a replay.
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(ping, signature, timestamp)).StatusCode);

        // A signature of another body, a body changed after signing, a stale timestamp, none at all, garbage.
        var other = bot.Fake.Ping().Json.ToJsonString();
        var (otherSignature, otherTimestamp) = bot.Fake.Sign(other);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(ping, otherSignature, otherTimestamp)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(other.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal), otherSignature, otherTimestamp)).StatusCode);
        var (staleSignature, staleTimestamp) = bot.Fake.Sign(other, DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(other, staleSignature, staleTimestamp)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(other, null, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(other, "zz" + otherSignature[2..], otherTimestamp)).StatusCode);

        // Signed, but not an interaction: 400, and the endpoint goes on.
        foreach (var junk in new[] { "not json", "{\"hello\":1}", "[]" })
        {
            var (junkSignature, junkTimestamp) = bot.Fake.Sign(junk);
            Assert.Equal(HttpStatusCode.BadRequest, (await bot.PostAsync(junk, junkSignature, junkTimestamp)).StatusCode);
        }

        var again = bot.Fake.Ping().Json.ToJsonString();
        var (againSignature, againTimestamp) = bot.Fake.Sign(again);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(again, againSignature, againTimestamp)).StatusCode);
    }

    [SkippableFact]
    public async Task A_signed_interaction_replayed_to_another_instance_on_the_same_database_is_refused_and_runs_once()
    {
        // Several instances share one PostgreSQL (SQLite is one instance); Discord's endpoint may be behind a balancer.
        await using var database = await TestDatabase.CreateAsync("PostgreSql");
        await using var bot = await DiscordBot.StartAsync(database);
        await using var second = new AlertBotApp(database, DiscordBot.Settings(bot.Fake));
        const string person = "500000000000000161";
        bot.Fake.AddUser(person);
        var list = bot.Fake.SlashCommand(person, "list");
        var body = list.Json.ToJsonString();
        var (signature, timestamp) = bot.Fake.Sign(body);

        Assert.Equal(HttpStatusCode.Accepted, (await bot.PostAsync(body, signature, timestamp)).StatusCode);
        await DiscordBot.UntilAsync(() => bot.Services.GetRequiredService<DiscordInbound>().InFlight == 0, "the first instance to finish");
        Assert.Equal(HttpStatusCode.Unauthorized, (await DiscordBot.PostAsync(second, body, signature, timestamp)).StatusCode);

        Assert.Single(bot.Fake.DmsTo(person));
        Assert.Single(bot.Fake.CallsTo("POST", $"/interactions/{list.Id}/"));

        // A fresh signature is welcome at either instance.
        var other = bot.Fake.SlashCommand(person, "help").Json.ToJsonString();
        var (otherSignature, otherTimestamp) = bot.Fake.Sign(other);
        Assert.Equal(HttpStatusCode.Accepted, (await DiscordBot.PostAsync(second, other, otherSignature, otherTimestamp)).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_member_subscribes_with_autocomplete_and_gets_exactly_one_bilingual_DM(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000101";
        bot.Fake.AddUser(person);

        // The commands are registered with their Arabic names.
        await DiscordBot.UntilAsync(() => bot.Fake.Commands() is not null, "the slash commands");
        var subscribe = bot.Fake.Commands()!.OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == "subscribe");
        Assert.Equal("الاشتراك", subscribe["name_localizations"]!["ar"]!.GetValue<string>());
        Assert.True(subscribe["options"]![0]!["autocomplete"]!.GetValue<bool>());

        // Typing "مياد" offers al-Mayadin (by its Arabic name); typing in English finds it too.
        var typing = bot.Fake.Autocomplete(person, "subscribe", "target", "الميا");
        Assert.Equal(HttpStatusCode.Accepted, (await bot.InteractAsync(typing)).StatusCode);
        Assert.Equal(8, bot.Fake.Interaction(typing.Id).CallbackType);
        var choice = Assert.Single(bot.Fake.Interaction(typing.Id).Choices, c => c.Name.StartsWith("al-Mayadin ·", StringComparison.Ordinal));
        var english = bot.Fake.Autocomplete(person, "subscribe", "target", "mayad");
        await bot.InteractAsync(english);
        Assert.Contains(bot.Fake.Interaction(english.Id).Choices, c => c.Value == choice.Value);

        var command = bot.Fake.SlashCommand(person, "subscribe", new JsonArray(new JsonObject { ["name"] = "target", ["type"] = 3, ["value"] = choice.Value }));
        await bot.InteractAsync(command);
        Assert.Equal(4, bot.Fake.Interaction(command.Id).CallbackType);
        var reply = Assert.Single(bot.Fake.DmsTo(person));
        Assert.Contains("al-Mayadin", reply.Text, StringComparison.Ordinal);
        Assert.False(reply.Ephemeral, "in DMs the reply is an ordinary message");
        Assert.Equal(Alerts.Alerts.AlMayadin, Assert.Single(await bot.SubscriptionsAsync(person)).PlaceId);

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        var alert = Assert.Single(bot.Fake.DmsTo(person).Skip(1));
        Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.Null(alert.InteractionId);
        bot.AssertNoMessageCanMention();
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_a_server_only_members_who_may_manage_the_channel_change_it_and_others_are_told_privately(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string channel = "600000000000000101", member = "500000000000000111", admin = "500000000000000112";
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        var target = new JsonArray(new JsonObject { ["name"] = "target", ["type"] = 3, ["value"] = "al-Mayadin" });

        var refused = bot.Fake.SlashCommand(member, "subscribe", target, channel, permissions: 1 << 11);
        await bot.InteractAsync(refused);
        var told = bot.Fake.MessagesIn(channel);
        Assert.Equal(2, told.Count);
        Assert.All(told, m => Assert.True(m.Ephemeral));
        Assert.Contains("admins", told[0].Text, StringComparison.Ordinal);
        Assert.Contains("To get these alerts yourself, send the same command to the bot in a direct message.", told[1].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.SubscriptionsAsync(channel));

        var allowed = bot.Fake.SlashCommand(admin, "subscribe", (JsonArray)target.DeepClone(), channel, permissions: ManageChannels);
        await bot.InteractAsync(allowed);
        Assert.True(bot.Fake.MessagesIn(channel)[^1].Ephemeral);
        Assert.Equal(Alerts.Alerts.AlMayadin, Assert.Single(await bot.SubscriptionsAsync(channel)).PlaceId);
        Assert.Equal(ChatKind.Group, (await bot.RecipientAsync(channel))!.Kind);

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);
        var alert = Assert.Single(bot.Fake.MessagesIn(channel), m => !m.Ephemeral);
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        bot.AssertNoMessageCanMention();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Menus_are_buttons_that_browse_in_place_and_a_forged_custom_id_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000121";
        bot.Fake.AddUser(person);

        await bot.InteractAsync(bot.Fake.SlashCommand(person, "subscribe"));
        var menu = Assert.Single(bot.Fake.DmsTo(person));
        Assert.Contains(menu.Buttons, b => b.CustomId == "br");
        Assert.True(menu.Components!.Count <= 5);

        var forged = bot.Fake.Press(person, menu, "sp:ES037");
        await bot.InteractAsync(forged);
        var refusal = bot.Fake.Interaction(forged.Id);
        Assert.Equal(4, refusal.CallbackType);
        Assert.Contains("no longer valid", refusal.CallbackData!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await bot.SubscriptionsAsync(person));

        var browse = bot.Fake.Press(person, menu, "br");
        await bot.InteractAsync(browse);
        Assert.Equal(7, bot.Fake.Interaction(browse.Id).CallbackType);
        var browsed = bot.Fake.Message(menu.Id);
        Assert.Equal(1, browsed.Edits);
        var place = browsed.Buttons.First(b => b.CustomId.StartsWith("bp:", StringComparison.Ordinal) || b.CustomId.StartsWith("sp:", StringComparison.Ordinal));
        Assert.All(browsed.Buttons, b => Assert.True(b.Label.Length <= 80 && b.CustomId.Length <= 100));

        var deeper = bot.Fake.Press(person, browsed, place.CustomId);
        await bot.InteractAsync(deeper);
        Assert.Equal(7, bot.Fake.Interaction(deeper.Id).CallbackType);
        Assert.Equal(2, bot.Fake.Message(menu.Id).Edits);
        bot.AssertNoMessageCanMention();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_commands_and_oversized_options_are_skipped_and_the_endpoint_goes_on(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000131";
        bot.Fake.AddUser(person);

        var unknown = bot.Fake.SlashCommand(person, "launch-missiles");
        Assert.Equal(HttpStatusCode.Accepted, (await bot.InteractAsync(unknown)).StatusCode);
        var huge = bot.Fake.SlashCommand(person, "subscribe", new JsonArray(new JsonObject { ["name"] = "target", ["type"] = 3, ["value"] = new string('x', 5000) }));
        Assert.Equal(HttpStatusCode.Accepted, (await bot.InteractAsync(huge)).StatusCode);
        Assert.Null(bot.Fake.Interaction(unknown.Id).CallbackType);
        Assert.Null(bot.Fake.Interaction(huge.Id).CallbackType);
        Assert.Empty(await bot.SubscriptionsAsync(person));

        var list = bot.Fake.SlashCommand(person, "list");
        await bot.InteractAsync(list);
        Assert.Equal(4, bot.Fake.Interaction(list.Id).CallbackType);
        Assert.Contains(bot.App.Logs.Lines, l => l.Message.Contains("launch-missiles", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lang_and_digest_subcommands_reach_the_conversation_as_their_command_lines(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000141";
        bot.Fake.AddUser(person);

        await bot.InteractAsync(bot.Fake.SlashCommand(person, "lang", new JsonArray(new JsonObject { ["name"] = "language", ["type"] = 3, ["value"] = "en" })));
        Assert.Contains("I will write in English.", bot.Fake.DmsTo(person)[^1].Text, StringComparison.Ordinal);
        Assert.Equal(Core.Storage.ChatLanguage.En, (await bot.RecipientAsync(person))!.Language);

        var set = new JsonArray(new JsonObject
        {
            ["name"] = "set",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "schedule", ["type"] = 3, ["value"] = "daily 08:00,20:00 al-Mayadin" }),
        });
        await bot.InteractAsync(bot.Fake.SlashCommand(person, "digest", set));
        var recipient = (await bot.RecipientAsync(person))!;
        var setting = await Alerts.Alerts.InScopeAsync(bot.Services, db => db.DigestSettings.AsNoTracking().SingleAsync(d => d.RecipientId == recipient.Id));
        Assert.Equal(2, setting.Crons.Count);
        Assert.Equal([Alerts.Alerts.AlMayadin], setting.PlaceIds);

        await bot.InteractAsync(bot.Fake.SlashCommand(person, "digest", new JsonArray(new JsonObject { ["name"] = "off", ["type"] = 1 })));
        Assert.False(await Alerts.Alerts.InScopeAsync(bot.Services, db => db.DigestSettings.AnyAsync(d => d.RecipientId == recipient.Id)));
        bot.AssertNoMessageCanMention();
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Work_longer_than_the_deadline_is_deferred_and_the_answer_edits_the_deferred_message_with_working_buttons(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database, new Dictionary<string, string?> { ["Discord:DeferAfterMilliseconds"] = "0" });
        const string person = "500000000000000151";
        bot.Fake.AddUser(person);

        var command = bot.Fake.SlashCommand(person, "subscribe");
        await bot.InteractAsync(command);
        var answered = bot.Fake.Interaction(command.Id);
        Assert.Equal(5, answered.CallbackType);
        Assert.True(answered.AnsweredAt - answered.CreatedAt < TimeSpan.FromSeconds(3));
        var menu = bot.Fake.Message(answered.OriginalMessageId!);
        Assert.Equal(1, menu.Edits);
        Assert.Contains(menu.Buttons, b => b.CustomId == "br");

        // The menu's buttons were recorded on the deferred message: they work, and the press too is deferred, then shown in place.
        var press = bot.Fake.Press(person, menu, "br");
        await bot.InteractAsync(press);
        Assert.Equal(6, bot.Fake.Interaction(press.Id).CallbackType);
        Assert.Equal(2, bot.Fake.Message(menu.Id).Edits);
        Assert.Contains(bot.Fake.Message(menu.Id).Buttons, b => b.CustomId.StartsWith("bp:", StringComparison.Ordinal) || b.CustomId.StartsWith("sp:", StringComparison.Ordinal));
        bot.AssertNoMessageCanMention();
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
    }
}
