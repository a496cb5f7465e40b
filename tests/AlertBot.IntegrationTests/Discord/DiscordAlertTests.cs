using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Discord;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>Alerts on Discord end to end through the fake: to a person's DMs and to a server channel.</summary>
public sealed class DiscordAlertTests
{
    private static readonly SubscriptionTarget Mayadin = new(Alerts.Alerts.AlMayadin, null, null);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_channels_digest_arrives_with_its_map_uploaded_and_shown_in_an_embed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string channel = "600000000000000009";
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        var recipientId = await bot.SubscribeAsync(channel, ChatKind.Group, new SubscriptionTarget(null, null, "airstrike"));
        long settingId;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var recipient = await scope.ServiceProvider.GetRequiredService<Core.Storage.AlertBotDb>().Recipients.SingleAsync(r => r.Id == recipientId);
            Assert.True(Core.Digests.DigestSchedule.TryParse("daily 08:00", out var spec, out _));
            settingId = (await scope.ServiceProvider.GetRequiredService<Core.Digests.DigestSettings>()
                .SetAsync(recipient, spec, Core.Digests.DigestFilter.Everything, "discord:" + DiscordBot.Moderator, CancellationToken.None)).Id;
        }

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<Core.Digests.DigestJob>().RunAsync(settingId, CancellationToken.None));
        }

        await Alerts.Alerts.SettledAsync(bot.Services);
        var digest = Assert.Single(bot.Fake.MessagesIn(channel));
        Assert.Contains("Digest of confirmed incidents", digest.Content, StringComparison.Ordinal);
        var file = Assert.Single(digest.Files);
        Assert.Equal("files[0]", file.Field);
        Assert.Matches("^digest-\\d+\\.png$", file.FileName);
        Assert.True(file.Bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "the map is a PNG");
        var embed = Assert.Single(digest.Embeds!)!.AsObject();
        Assert.Equal("attachment://" + file.FileName, embed["image"]!["url"]!.GetValue<string>());
        Assert.NotNull(digest.AllowedMentions);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_channel_admins_digest_preview_with_its_map_is_shown_to_them_alone_and_not_counted_as_sent(string provider)
    {
        const ulong manageChannels = 1 << 4;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string channel = "600000000000000010", admin = "500000000000000010";
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        static System.Text.Json.Nodes.JsonArray Sub(string name, string? schedule = null) =>
        [
            new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = name,
                ["type"] = 1,
                ["options"] = schedule is null
                    ? new System.Text.Json.Nodes.JsonArray()
                    : new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "schedule", ["type"] = 3, ["value"] = schedule }),
            },
        ];

        await bot.InteractAsync(bot.Fake.SlashCommand(admin, "digest", Sub("set", "daily 08:00"), channel, manageChannels));
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);
        var visibleBefore = bot.Fake.MessagesIn(channel).Count(m => !m.Ephemeral);

        var preview = bot.Fake.SlashCommand(admin, "digest", Sub("preview"), channel, manageChannels);
        await bot.InteractAsync(preview);

        var answers = bot.Fake.MessagesIn(channel).Where(m => m.InteractionId == preview.Id).ToList();
        Assert.True(answers.Count >= 3, $"the header, the map and the digest: {answers.Count} message(s)");
        Assert.All(answers, m => Assert.True(m.Ephemeral, "a preview is shown to the admin alone"));
        var map = Assert.Single(answers, m => m.Files.Count > 0);
        Assert.True(map.Files[0].Bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "the map is a PNG");
        Assert.Equal("attachment://" + map.Files[0].FileName, Assert.Single(map.Embeds!)!["image"]!["url"]!.GetValue<string>());
        Assert.Contains(answers, m => m.Text.Contains("Digest of confirmed incidents", StringComparison.Ordinal) && m.Text.Contains("Shelling", StringComparison.Ordinal));
        Assert.Equal(visibleBefore, bot.Fake.MessagesIn(channel).Count(m => !m.Ephemeral));
        Assert.False(await Alerts.Alerts.InScopeAsync(bot.Services, db => db.Outbox.AnyAsync(o => o.Kind == "digest")), "a preview is not a digest sent");
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
        bot.AssertNoMessageCanMention();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Confirmed_event_reaches_a_DM_subscriber_and_a_channel_exactly_once_and_can_mention_nobody(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000001", channel = "600000000000000001";
        bot.Fake.AddUser(person);
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        await bot.SubscribeAsync(person, ChatKind.Private, Mayadin);
        await bot.SubscribeAsync(channel, ChatKind.Group, Mayadin);

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        var dm = Assert.Single(bot.Fake.DmsTo(person));
        var posted = Assert.Single(bot.Fake.MessagesIn(channel));
        foreach (var alert in new[] { dm, posted })
        {
            Assert.Contains("قصف مدفعي", alert.Text, StringComparison.Ordinal);
            Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
            Assert.True(alert.Text.Length <= FakeDiscordServer.MaxContentLength);
        }

        // The person gets text; the channel a bilingual embed: title, fields, colour by type, the event's time.
        Assert.Null(dm.Embeds);
        Assert.True(string.IsNullOrEmpty(posted.Content));
        var embed = Assert.Single(posted.Embeds!)!.AsObject();
        Assert.Equal("Shelling — al-Mayadin · قصف مدفعي — الميادين", embed["title"]!.GetValue<string>());
        Assert.Equal(0xE67E22, embed["color"]!.GetValue<int>());
        Assert.StartsWith("2026-11-20T", embed["timestamp"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = embed["fields"]!.AsArray().Select(f => (Name: f!["name"]!.GetValue<string>(), Value: f["value"]!.GetValue<string>())).ToList();
        Assert.Contains(fields, f => f.Name == "Places · الأماكن" && f.Value.Contains("Mayadin", StringComparison.Ordinal) && f.Value.Contains("الميادين", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.Name.StartsWith("Sources · المصادر", StringComparison.Ordinal) && f.Value.Contains("(<https://", StringComparison.Ordinal));

        bot.AssertNoMessageCanMention();
        Assert.Equal(0, bot.Fake.TooManyRequests);
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
        Assert.All(bot.Fake.Calls, c => Assert.DoesNotContain(bot.Fake.Token, c.Path, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Closed_DMs_and_a_lost_channel_deactivate_their_recipients_after_one_attempt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string closed = "500000000000000011", reading = "500000000000000012", lost = "600000000000000011";
        bot.Fake.AddUser(closed, dmsOpen: false);
        bot.Fake.AddUser(reading);
        bot.Fake.AddChannel(lost, DiscordBot.Guild);
        bot.Fake.RemoveAccess(lost);
        foreach (var (chat, kind) in new[] { (closed, ChatKind.Private), (reading, ChatKind.Private), (lost, ChatKind.Group) })
        {
            await bot.SubscribeAsync(chat, kind, Mayadin);
        }

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        await Alerts.Alerts.UntilAsync(
            async () => (await bot.RecipientAsync(closed))!.Active == false && (await bot.RecipientAsync(lost))!.Active == false,
            TimeSpan.FromSeconds(30), "the unreachable recipients to be deactivated");
        Assert.True((await bot.RecipientAsync(reading))!.Active);
        Assert.Single(bot.Fake.DmsTo(reading));
        Assert.Single(bot.Fake.Calls, c => c.Code == 50007);
        Assert.Single(bot.Fake.Calls, c => c.Code == 50001);

        // The person opens their DMs and uses a command again: active once more, with the subscription they had.
        bot.Fake.AddUser(closed);
        await bot.InteractAsync(bot.Fake.SlashCommand(closed, "list"));
        Assert.True((await bot.RecipientAsync(closed))!.Active);
        Assert.Single(await bot.SubscriptionsAsync(closed));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_send_whose_answer_was_lost_is_retried_and_the_nonce_keeps_it_one_message(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database, new Dictionary<string, string?> { ["Delivery:RetryBaseSeconds"] = "0.5" });
        const string channel = "600000000000000021";
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        await bot.SubscribeAsync(channel, ChatKind.Group, Mayadin);

        bot.Fake.DropMessageAnswers(1);
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        var attempts = bot.Fake.CallsTo("POST", $"/channels/{channel}/messages");
        Assert.Equal(2, attempts.Count);
        Assert.Equal(0, attempts[0].Status);
        Assert.Equal(attempts[0].Body!["nonce"]!.ToString(), attempts[1].Body!["nonce"]!.ToString());
        Assert.True(attempts[1].Body!["enforce_nonce"]!.GetValue<bool>());
        Assert.Single(bot.Fake.MessagesIn(channel));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_retracted_event_edits_its_alerts_and_a_notice_replies_to_each(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartAsync(database);
        const string person = "500000000000000031", channel = "600000000000000031";
        bot.Fake.AddUser(person);
        bot.Fake.AddChannel(channel, DiscordBot.Guild);
        await bot.SubscribeAsync(person, ChatKind.Private, Mayadin);
        await bot.SubscribeAsync(channel, ChatKind.Group, Mayadin);
        var eventId = await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        using var api = bot.App.ApiClient();
        (await api.PostAsJsonAsync($"/api/events/{eventId}/retract", new { reason = "The outlet withdrew its report" })).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(bot.Services);

        foreach (var messages in new[] { bot.Fake.DmsTo(person), bot.Fake.MessagesIn(channel) })
        {
            Assert.Equal(2, messages.Count);
            var (alert, notice) = (messages[0], messages[1]);
            Assert.True(alert.Edits >= 1);
            Assert.Contains("RETRACTED", alert.Text, StringComparison.Ordinal);
            Assert.Equal(alert.Id, notice.ReplyToMessageId);
            Assert.True(notice.Text.Contains("Retracted: **moderators withdrew the alert about", StringComparison.Ordinal), notice.Text);
        }

        var retracted = Assert.Single(bot.Fake.MessagesIn(channel)[0].Embeds!)!.AsObject();
        Assert.StartsWith("RETRACTED · سُحب — Shelling", retracted["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0x95A5A6, retracted["color"]!.GetValue<int>());

        bot.AssertNoMessageCanMention();
        Assert.DoesNotContain(bot.Fake.Calls, c => c.Status >= 400);
    }
}
