using System.Text.Json.Nodes;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>The gateway over a real WebSocket to the fake: identify, heartbeats, resume after every kind of break, fatal closes.</summary>
public sealed class DiscordGatewayTests
{
    private const string Person = "500000000000000201";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_gateway_identifies_with_no_privileged_intent_heartbeats_and_answers_interactions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartOnGatewayAsync(database, heartbeatMs: 1500, arrange: fake => fake.AddUser(Person));

        var identify = Assert.Single(bot.Fake.Identifies);
        Assert.Equal(1, identify["intents"]!.GetValue<int>());
        Assert.Equal(bot.Fake.Token, identify["token"]!.GetValue<string>());

        // The first heartbeat comes within one interval of Hello (jittered), then one every interval, each ACKed.
        await DiscordBot.UntilAsync(() => bot.Fake.Heartbeats.Count >= 3, "three heartbeats");
        var beats = bot.Fake.Heartbeats.Take(3).Select(h => h.At).ToList();
        var gap = beats[2] - beats[1];
        Assert.InRange(gap.TotalMilliseconds, 1200, 3000);

        var list = bot.Fake.SlashCommand(Person, "list");
        await bot.OverGatewayAsync(list);
        Assert.Equal(4, bot.Fake.Interaction(list.Id).CallbackType);
        Assert.Single(bot.Fake.DmsTo(Person));

        // The gateway's and the interactions' instruments are exported.
        using var client = bot.App.CreateClient();
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("alertbot_discord_gateway_heartbeat_latency_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("alertbot_discord_interactions_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("alertbot_discord_invalid_requests_window", metrics, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_gateway_survives_op7_op9_a_missed_ack_and_a_4000_close_by_resuming_without_losing_an_interaction(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartOnGatewayAsync(database, heartbeatMs: 1000, arrange: fake => fake.AddUser(Person));
        var answered = 0;

        async Task InteractAsync()
        {
            var list = bot.Fake.SlashCommand(Person, "list");
            await bot.OverGatewayAsync(list);
            Assert.Equal(4, bot.Fake.Interaction(list.Id).CallbackType);
            answered++;
        }

        // op 7: reconnect and resume at resume_gateway_url.
        var resumes = bot.Fake.Resumes.Count;
        bot.Fake.SendReconnect();
        await DiscordBot.UntilAsync(() => bot.Fake.Resumes.Count > resumes && bot.Fake.GatewayReady, "a resume after op 7");
        await InteractAsync();

        // A 4000 close, and an interaction dispatched while the bot is away: replayed on resume, answered once.
        resumes = bot.Fake.Resumes.Count;
        var session = bot.Fake.Resumes[^1]["session_id"]!.GetValue<string>();
        var sessionSeq = bot.Fake.Resumes[^1]["seq"]!.GetValue<int>();
        await bot.Fake.CloseGatewayAsync(4000);
        var whileAway = bot.Fake.SlashCommand(Person, "list");
        await bot.OverGatewayAsync(whileAway);
        Assert.True(bot.Fake.Resumes.Count > resumes);
        Assert.True(bot.Fake.Resumes[^1]["seq"]!.GetValue<int>() > sessionSeq);
        Assert.Equal(session, bot.Fake.Resumes[^1]["session_id"]!.GetValue<string>());
        answered++;

        // Heartbeats no longer ACKed: a zombie, closed (not with 1000/1001) and resumed.
        resumes = bot.Fake.Resumes.Count;
        bot.Fake.StopAcking();
        await DiscordBot.UntilAsync(() => bot.Fake.Resumes.Count > resumes, "a resume after a missed ACK");
        bot.Fake.StopAcking(false);
        await DiscordBot.UntilAsync(() => bot.Fake.GatewayReady, "the resumed connection");
        Assert.DoesNotContain(bot.Fake.ClientCloses, code => code is 1000 or 1001);
        await InteractAsync();

        // op 9, resumable: resume; not resumable: identify again.
        resumes = bot.Fake.Resumes.Count;
        bot.Fake.SendInvalidSession(resumable: true);
        await DiscordBot.UntilAsync(() => bot.Fake.Resumes.Count > resumes && bot.Fake.GatewayReady, "a resume after op 9 (true)");
        bot.Fake.SendInvalidSession(resumable: false);
        await DiscordBot.UntilAsync(() => bot.Fake.Identifies.Count == 2 && bot.Fake.GatewayReady, "a new identify after op 9 (false)");
        await InteractAsync();

        Assert.Equal(4, answered);
        Assert.Equal(4, bot.Fake.DmsTo(Person).Count);
        Assert.False(bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task On_close_4004_the_host_stops_with_one_line_naming_the_token_setting(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartOnGatewayAsync(database);
        var lifetime = bot.Services.GetRequiredService<IHostApplicationLifetime>();

        await bot.Fake.CloseGatewayAsync(4004);
        await DiscordBot.UntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host to stop");

        var line = Assert.Single(bot.App.Logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains("Discord:BotToken", line.Message, StringComparison.Ordinal);
        Assert.Contains("4004", line.Message, StringComparison.Ordinal);
        Assert.Single(bot.Fake.Identifies);
    }

    [Fact]
    public async Task The_executable_stopped_by_close_4004_exits_with_code_2_and_names_the_token_setting_on_stderr()
    {
        await using var fake = await global::AlertBot.TestSupport.Discord.FakeDiscordServer.StartAsync();
        fake.HeartbeatIntervalMs = 1000;
        var directory = Directory.CreateTempSubdirectory("alertbot-discord-4004-").FullName;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Storage:DataDirectory={Path.Combine(directory, "data")}",
            "--Demo:Enabled=false",
            .. DiscordBot.Settings(fake).Where(s => s.Key != "Discord:Mode").Select(s => $"--{s.Key}={s.Value}"),
            "--Discord:Mode=Gateway",
        ];
        await using var bot = BotProcess.Start(directory, null, args);
        await DiscordBot.UntilAsync(() => fake.GatewayReady, "the executable's gateway to be ready", TimeSpan.FromSeconds(120));

        await fake.CloseGatewayAsync(4004);

        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 2, $"exit {exit}, stderr:\n{bot.Stderr}\nstdout:\n{bot.Stdout}");
        // The log (on stderr) says it as it happens; the last line the process writes says why it stopped.
        var line = bot.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('\r');
        Assert.StartsWith("alertbot: stopped: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bot.Stderr, StringComparison.Ordinal);
        Assert.Contains("Discord:BotToken", line, StringComparison.Ordinal);
        Assert.Contains("4004", line, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_server_that_removes_the_bot_stops_its_channels_receiving_and_an_unknown_event_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        const string guild = "700000000000000301", channel = "600000000000000301", other = "600000000000000302";
        await using var bot = await DiscordBot.StartOnGatewayAsync(database, arrange: fake =>
        {
            fake.AddChannel(channel, guild);
            fake.AddChannel(other, DiscordBot.Guild);
        });
        await bot.SubscribeAsync(channel, ChatKind.Group, new SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));
        await bot.SubscribeAsync(other, ChatKind.Group, new SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));

        bot.Fake.Dispatch("SOMETHING_NEW", new JsonObject { ["id"] = "1" });
        bot.Fake.SendRawToGateway("this is not JSON {");
        bot.Fake.SendRawToGateway("{\"op\":0,\"t\":\"GUILD_CREATE\",\"s\":999,\"d\":{\"id\":{\"nested\":true}}}");
        bot.Fake.Dispatch("INTERACTION_CREATE", new JsonObject { ["id"] = "x", ["type"] = "not a number" });
        bot.Fake.Dispatch("GUILD_DELETE", new JsonObject { ["id"] = DiscordBot.Guild, ["unavailable"] = true });
        bot.Fake.RemoveFromGuild(guild);
        await Alerts.Alerts.UntilAsync(async () => (await bot.RecipientAsync(channel))!.Active == false, TimeSpan.FromSeconds(30), "the channel to be deactivated");

        Assert.True((await bot.RecipientAsync(other))!.Active, "an outage (unavailable) is not a removal");
        Assert.True(bot.Fake.GatewayReady);
        Assert.Single(bot.Fake.Identifies);
        Assert.Contains(bot.App.Logs.Lines, l => l.Message.Contains("not a payload was skipped", StringComparison.Ordinal));

        // Added back to the server: its channel receives again, with the subscriptions it had.
        bot.Fake.JoinGuild(guild, channel);
        await Alerts.Alerts.UntilAsync(async () => (await bot.RecipientAsync(channel))!.Active, TimeSpan.FromSeconds(30), "the channel to be active again");
        Assert.Single(await bot.SubscriptionsAsync(channel));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ready_says_degraded_while_the_gateway_stays_down_and_healthy_once_it_is_back(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var bot = await DiscordBot.StartOnGatewayAsync(database, extra: new Dictionary<string, string?> { ["Discord:DegradedAfterSeconds"] = "1" });
        using var client = bot.App.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/ready", UriKind.Relative)));

        bot.Fake.GatewayOpen = false;
        await bot.Fake.CloseGatewayAsync(4000);
        await Alerts.Alerts.UntilAsync(
            async () => await client.GetStringAsync(new Uri("/ready", UriKind.Relative)) == "Degraded", TimeSpan.FromSeconds(30), "/ready to say degraded");

        bot.Fake.GatewayOpen = true;
        await Alerts.Alerts.UntilAsync(
            async () => await client.GetStringAsync(new Uri("/ready", UriKind.Relative)) == "Healthy", TimeSpan.FromSeconds(60), "/ready to be healthy again");
        Assert.True(bot.Fake.GatewayReady);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_no_session_starts_left_the_bot_waits_for_the_reset_and_spaces_its_identifies(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var started = DateTimeOffset.UtcNow;
        await using var bot = await DiscordBot.StartOnGatewayAsync(database, arrange: fake =>
        {
            fake.SessionStartsRemaining = 0;
            fake.SessionStartResetAfterMs = 2000;
        });
        var asked = bot.Fake.CallsTo("GET", "/gateway/bot")[0].At;
        Assert.True(bot.Fake.IdentifiedAt[0] - asked >= TimeSpan.FromSeconds(1.9), $"identified {(bot.Fake.IdentifiedAt[0] - asked).TotalSeconds:0.00} s after asking");

        // A session that cannot resume: the next identify comes at least 5 s (max_concurrency 1) after the first.
        bot.Fake.SendInvalidSession(resumable: false);
        try
        {
            await DiscordBot.UntilAsync(() => bot.Fake.Identifies.Count == 2 && bot.Fake.GatewayReady, "a second identify");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + bot.Diagnostics(), ex);
        }

        Assert.True(bot.Fake.IdentifiedAt[1] - bot.Fake.IdentifiedAt[0] >= TimeSpan.FromSeconds(4.9));
        Assert.True(bot.Fake.IdentifiedAt[0] > started);
    }
}
