using AlertBot.Core.Platforms;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>Groups, supergroups, forum topics and channels on Telegram through the fake Bot API.</summary>
public sealed class TelegramGroupTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_admin_who_added_the_bot_configures_the_group_and_a_member_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long group = -500, admin = 2001, member = 2002;
        bot.Fake.AddChat(group, "group", "Mayadin News", botStatus: "left");
        bot.Fake.SetMember(group, admin, "administrator");
        bot.Fake.SetMember(group, member, "member");

        await bot.HandledAsync(bot.Fake.PushMyChatMember(group, admin, "left", "member"));
        var recipient = await bot.RecipientAsync(group);
        Assert.NotNull(recipient);
        Assert.Equal((ChatKind.Group, "2001", true), (recipient.Kind, recipient.AddedByUserId, recipient.Active));

        // A member may not change the group's settings: refused, and the rights were asked of Telegram.
        var refused = Assert.Single(await bot.SayAsync(member, "/subscribe@alertbot_test_bot الميادين", group));
        Assert.Contains("Only this group's admins", refused.Text, StringComparison.Ordinal);
        Assert.Empty(await bot.SubscriptionsAsync(group));
        Assert.Contains(bot.Fake.CallsTo("getChatMember"), c => c.Parameters["user_id"]!.ToString() == "2002");

        // The admin may, with or without the bot's name; rights are asked again at every change.
        var rightsChecks = bot.Fake.CallsTo("getChatMember").Count;
        Assert.Single(await bot.SayAsync(admin, "/subscribe الميادين", group));
        Assert.Single(await bot.SubscriptionsAsync(group));
        Assert.Equal(rightsChecks + 1, bot.Fake.CallsTo("getChatMember").Count);

        // Commands for another bot and plain talk are not the bot's business in a group.
        Assert.Empty(await bot.SayAsync(admin, "/list@some_other_bot", group));
        Assert.Empty(await bot.SayAsync(member, "good morning", group));

        // Removed from the group: nothing more is sent there.
        await bot.HandledAsync(bot.Fake.PushMyChatMember(group, admin, "member", "left"));
        Assert.False((await bot.RecipientAsync(group))!.Active);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_group_migrated_to_a_supergroup_mid_broadcast_gets_the_alert_once_at_its_new_id(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long group = -600, supergroup = -1000000000600, admin = 2101;
        bot.Fake.AddChat(group, "group", "Deir Watch", botStatus: "left");
        bot.Fake.SetMember(group, admin, "creator");
        await bot.HandledAsync(bot.Fake.PushMyChatMember(group, admin, "left", "member"));
        await bot.SayAsync(admin, "/subscribe الميادين", group);
        var users = new long[] { 2111, 2112, 2113 };
        foreach (var user in users)
        {
            bot.Fake.AddUser(user);
            await bot.SayAsync(user, "/subscribe al-Mayadin");
        }

        bot.Fake.Migrate(group, supergroup);
        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);

        var alert = Assert.Single(bot.Fake.MessagesTo(supergroup));
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.Single(bot.Fake.MessagesTo(group)); // the subscription's confirmation, before the migration
        Assert.Equal(1, bot.Fake.CallsTo("sendMessage").Count(c => c.Status == 400));
        Assert.Null(await bot.RecipientAsync(group));
        var moved = await bot.RecipientAsync(supergroup);
        Assert.NotNull(moved);
        Assert.Single(await bot.SubscriptionsAsync(supergroup));
        Assert.All(users, u => Assert.Equal(2, bot.Fake.MessagesTo(u).Count));

        // The service message that tells of the migration, when it comes later, changes nothing more.
        await bot.HandledAsync(bot.Fake.PushRaw(id => $$$$"""{"update_id":{{{{id}}}},"message":{"message_id":9,"date":1764633600,"chat":{"id":{{{{group}}}},"type":"group","title":"Deir Watch"},"migrate_to_chat_id":{{{{supergroup}}}}}}"""));
        Assert.Equal(moved.Id, (await bot.RecipientAsync(supergroup))!.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_channel_where_the_bot_cannot_post_is_reported_to_the_admin_and_one_where_it_can_gets_alerts(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long channel = -1000000000700, admin = 2201;
        bot.Fake.AddUser(admin);
        bot.Fake.AddChat(channel, "channel", "Deir Alerts", botStatus: "left");
        bot.Fake.SetMember(channel, admin, "creator");

        await bot.HandledAsync(bot.Fake.PushMyChatMember(channel, admin, "left", "administrator", canPost: false));
        Assert.True((await bot.RecipientAsync(channel)) is null or { Active: false });
        var notice = Assert.Single(bot.Fake.MessagesTo(admin));
        Assert.Contains("cannot post in “Deir Alerts”", notice.Text, StringComparison.Ordinal);

        await bot.HandledAsync(bot.Fake.PushMyChatMember(channel, admin, "administrator", "administrator", canPost: true));
        var recipient = await bot.RecipientAsync(channel);
        Assert.NotNull(recipient);
        Assert.Equal((ChatKind.Channel, true), (recipient.Kind, recipient.Active));

        // A command posted in the channel is the channel's own (only its admins can post there).
        await bot.HandledAsync(bot.Fake.PushChannelPost(channel, "/subscribe الميادين"));
        Assert.Single(await bot.SubscriptionsAsync(channel));
        var sent = bot.Fake.MessagesTo(channel).Count;

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);
        Assert.Contains("Shelling", Assert.Single(bot.Fake.MessagesTo(channel).Skip(sent)).Text, StringComparison.Ordinal);

        // The right to post taken away: the channel is reported again and left alone.
        await bot.HandledAsync(bot.Fake.PushMyChatMember(channel, admin, "administrator", "administrator", canPost: false));
        Assert.False((await bot.RecipientAsync(channel))!.Active);
        Assert.Equal(2, bot.Fake.MessagesTo(admin).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_channel_admin_configures_the_channel_from_a_private_chat_and_a_non_admin_cannot(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long channel = -1000000000750, admin = 2401, other = 2402;
        bot.Fake.AddUser(admin);
        bot.Fake.AddUser(other);
        bot.Fake.AddChat(channel, "channel", "Deir Alerts", botStatus: "left");
        bot.Fake.SetMember(channel, admin, "creator");
        bot.Fake.SetMember(channel, other, "member");
        await bot.HandledAsync(bot.Fake.PushMyChatMember(channel, admin, "left", "administrator", canPost: true));

        // Someone who is no admin there has nothing to manage, and a forged pick changes nothing.
        var noneReplies = await bot.SayAsync(other, "/manage");
        Assert.True(noneReplies.Count == 1, bot.Diagnostics());
        var none = noneReplies[0];
        Assert.StartsWith("You are an admin of no group or channel", none.Text, StringComparison.Ordinal);
        var forged = bot.Fake.PushPress(other, other, none.MessageId, "mg:" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await bot.HandledAsync(bot.Fake.UpdateOfPress(forged));
        Assert.Equal("This button is no longer valid.", bot.Fake.PressAnswer(forged).Text);
        Assert.Single(bot.Fake.MessagesTo(other));

        // The admin picks the channel and subscribes it with the menu, then by a command sent as a reply.
        var list = Assert.Single(await bot.SayAsync(admin, "/manage"));
        var pick = Assert.Single(list.AllButtons);
        Assert.Equal("📢 Deir Alerts", pick.Text);
        await bot.PressAsync(admin, list, pick.CallbackData!);
        var panel = bot.Fake.MessagesTo(admin)[^2];
        var menu = bot.Fake.MessagesTo(admin)[^1];
        Assert.StartsWith("Managing “Deir Alerts”", panel.Text, StringComparison.Ordinal);
        await bot.PressAsync(admin, menu, "bt");
        Assert.Equal(1, bot.Current(menu).Edits);
        await bot.PressAsync(admin, bot.Current(menu), "st:shelling");
        Assert.Equal("shelling", Assert.Single(await bot.SubscriptionsAsync(channel)).EventType);

        await bot.HandledAsync(bot.Fake.PushReply(admin, admin, panel.MessageId, "/subscribe الميادين"));
        Assert.Equal(2, (await bot.SubscriptionsAsync(channel)).Count);
        Assert.Empty(await bot.SubscriptionsAsync(admin));
        Assert.Empty(bot.Fake.MessagesTo(channel));

        // Rights are asked at every change: once no longer an admin, the same reply is refused.
        bot.Fake.SetMember(channel, admin, "member");
        var before = bot.Fake.MessagesTo(admin).Count;
        await bot.HandledAsync(bot.Fake.PushReply(admin, admin, panel.MessageId, "/unsubscribe الميادين"));
        Assert.Contains("Only this group's admins", bot.Fake.MessagesTo(admin).Skip(before).Single().Text, StringComparison.Ordinal);
        Assert.Equal(2, (await bot.SubscriptionsAsync(channel)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_forum_topic_gets_the_alerts_where_an_admin_subscribed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await TelegramBot.StartAsync(database);
        const long forum = -1000000000800, admin = 2301;
        bot.Fake.AddChat(forum, "supergroup", "Deir Forum", isForum: true, botStatus: "left");
        bot.Fake.SetMember(forum, admin, "administrator");
        await bot.HandledAsync(bot.Fake.PushMyChatMember(forum, admin, "left", "member"));

        var reply = Assert.Single(await bot.SayAsync(admin, "/subscribe الميادين", forum, threadId: 42));
        Assert.Equal(42, reply.ThreadId);
        Assert.Equal("42", (await bot.RecipientAsync(forum))!.ThreadId);

        await Alerts.Alerts.ConfirmMayadinShellingAsync(bot.App);
        await Alerts.Alerts.SettledAsync(bot.Services);
        var alert = bot.Fake.MessagesTo(forum)[^1];
        Assert.Contains("Shelling", alert.Text, StringComparison.Ordinal);
        Assert.Equal(42, alert.ThreadId);
    }
}
