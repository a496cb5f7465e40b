using System.Net.Http.Json;
using AlertBot.Core.Delivery;
using AlertBot.Core.Digests;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Alerts;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Sandbox;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.IntegrationTests.Digests;

/// <summary>
/// Scheduled digests end to end through the sandbox, on the bot's own clock: set by a chat's admins with
/// <c>/digest</c>, registered with Hangfire in the chat's time zone, made by the digest job (which Hangfire runs at those
/// times; here the test runs it at them), sent once through the outbox.
/// </summary>
public sealed class DigestDeliveryTests
{
    // 2026-12-01 07:00 in Damascus (UTC+3).
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Twice_daily_digest_sends_each_period_once_with_its_events_and_a_downtime_gives_one_catch_up(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Morning);
        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();
        const string chat = "801";
        await SayAsync(api, chat, "/lang en");

        // Set by the chat: two times a day, in the chat's time zone, registered with Hangfire at once.
        var set = await SayAsync(api, chat, "/digest daily 08:00,20:00");
        Assert.Contains("Digest: daily at 08:00, 20:00, Asia/Damascus time", set.Text, StringComparison.Ordinal);
        Assert.Contains("Covers: every confirmed incident", set.Text, StringComparison.Ordinal);
        Assert.Contains("Next digest: 2026-12-01 08:00", set.Text, StringComparison.Ordinal);
        var setting = await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestSettings.AsNoTracking().SingleAsync());
        var jobs = RecurringJobs(app, setting.Id);
        Assert.Equal(["0 8 * * *", "0 20 * * *"], jobs.Select(j => j.Cron));
        Assert.All(jobs, j => Assert.Equal("Asia/Damascus", j.TimeZoneId));

        // 07:30: al-Mayadin is shelled and confirmed; at 08:00 the first digest has it.
        clock.Advance(TimeSpan.FromMinutes(30));
        var shelling = await ConfirmAsync(api, Reports.MayadinShellingArabic);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.NotNull(await RunJobAsync(app, setting.Id));
        var first = await DigestAsync(api, chat, count: 1);
        Assert.Contains("Shelling", first.Text, StringComparison.Ordinal);
        Assert.Contains("al-Mayadin", first.Text, StringComparison.Ordinal);
        Assert.False(first.Silent);

        // A short digest is the caption of its map.
        Assert.NotNull(first.Image);
        Assert.Equal("Map of the period's incident locations", first.ImageAlt);
        var map = await api.GetByteArrayAsync(new Uri(first.Image, UriKind.Relative));
        Assert.True(map.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "the map is a PNG");

        // 12:00: an airstrike in Albu Kamal; the 20:00 digest has it and not the morning's shelling.
        clock.Advance(TimeSpan.FromHours(4));
        await ConfirmAsync(api, Reports.AlbuKamalAirstrike);
        clock.Advance(TimeSpan.FromHours(8));
        Assert.NotNull(await RunJobAsync(app, setting.Id));
        var second = await DigestAsync(api, chat, count: 2);
        Assert.Contains("Albu Kamal", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("al-Mayadin", second.Text, StringComparison.Ordinal);

        // The same slot run again (a second instance, a retried job) makes nothing.
        Assert.Null(await RunJobAsync(app, setting.Id));

        // Down for three slots with a retraction in between: one catch-up digest for the whole time, which calls it out.
        clock.Advance(TimeSpan.FromHours(2));
        (await api.PostAsJsonAsync($"/api/events/{shelling}/retract", new { reason = "The outlet withdrew it" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(34));
        Assert.NotNull(await RunJobAsync(app, setting.Id));
        Assert.Null(await RunJobAsync(app, setting.Id));
        var catchUp = await DigestAsync(api, chat, count: 3);
        Assert.Contains("al-Mayadin", catchUp.Text, StringComparison.Ordinal);
        var runs = await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(3, runs.Count);
        Assert.Equal(runs[1].PeriodTo, runs[2].PeriodFrom);
        Assert.Equal(TimeSpan.FromHours(36), runs[2].PeriodTo - runs[2].PeriodFrom);

        // An empty period: nothing by default; one short line when the chat asks for it.
        clock.Advance(TimeSpan.FromHours(12));
        Assert.NotNull(await RunJobAsync(app, setting.Id));
        await Alerts.Alerts.SettledAsync(app.Services);
        Assert.Equal(3, (await DigestsAsync(api, chat)).Count);
        Assert.Contains("nothing confirmed", (await Alerts.Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).LastAsync())).LastError, StringComparison.Ordinal);
        Assert.Contains("empty period: one short line", (await SayAsync(api, chat, "/digest empty line")).Text, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromHours(12));
        Assert.NotNull(await RunJobAsync(app, setting.Id));
        var empty = await DigestAsync(api, chat, count: 4);
        Assert.StartsWith("No confirmed incidents", empty.Text, StringComparison.Ordinal);
        Assert.Null(empty.Image); // nothing to map

        // The console lists the digest with its schedule, next run and how its last one went.
        using (var console = await app.ConsoleClientAsync())
        {
            var page = await console.GetStringAsync(new Uri("/digests", UriKind.Relative));
            Assert.Contains($"id=\"digest-{setting.Id}\"", page, StringComparison.Ordinal);
            Assert.Contains("daily: 0 8 * * * | 0 20 * * *", page, StringComparison.Ordinal);
            Assert.Contains("sent " + ConsoleTextSeconds(clock.GetUtcNow()), page, StringComparison.Ordinal);
            var overview = await console.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("id=\"next-digests\"", overview, StringComparison.Ordinal);
            Assert.Contains("<bdi dir=\"ltr\">sandbox:801</bdi>", overview, StringComparison.Ordinal);
        }

        // Off: the setting and its jobs are gone.
        Assert.Equal("This chat's digest is deleted.", (await SayAsync(api, chat, "/digest off")).Text);
        Assert.Empty(RecurringJobs(app, setting.Id));
        Assert.Equal(0, await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestSettings.CountAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_a_group_only_admins_set_a_digest_and_a_preview_goes_to_the_admin_alone(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Morning);
        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();
        const string group = "-802";
        var sandbox = app.Services.GetRequiredService<SandboxChats>();
        await sandbox.SetMemberAsync(group, "alice", isAdmin: true, CancellationToken.None);
        await sandbox.SetMemberAsync(group, "bob", isAdmin: false, CancellationToken.None);
        await SayAsync(api, group, "/lang en", "alice");

        foreach (var command in new[] { "/digest daily 08:00 الميادين", "/digest preview", "/digest off", "/digest pause" })
        {
            Assert.Equal("Only this group's admins can change its settings.", (await SayAsync(api, group, command, "bob")).Text);
        }

        Assert.Equal(0, await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestSettings.CountAsync()));
        var unknown = await SayAsync(api, group, "/digest daily 08:00 <b>Atlantis</b>", "alice");
        Assert.Equal("I know no place or actor called \"<b>Atlantis</b>\".", unknown.Text);
        Assert.StartsWith("I could not read that schedule", (await SayAsync(api, group, "/digest daily 25:00", "alice")).Text, StringComparison.Ordinal);
        Assert.StartsWith("I could not read that schedule (too often)", (await SayAsync(api, group, "/digest cron \"* * * * *\"", "alice")).Text, StringComparison.Ordinal);

        var set = await SayAsync(api, group, "/digest weekly fri 09:00 الميادين", "alice");
        Assert.Contains("Covers: al-Mayadin", set.Text, StringComparison.Ordinal);
        Assert.Contains("Next digest: 2026-12-04 09:00", set.Text, StringComparison.Ordinal);
        Assert.Contains("Covers: al-Mayadin", (await SayAsync(api, group, "/digest", "bob")).Text, StringComparison.Ordinal);

        // The preview: the last period's digest in alice's private chat, nothing in the group, nothing made or owed.
        clock.Advance(TimeSpan.FromMinutes(10));
        await ConfirmAsync(api, Reports.MayadinShellingArabic);
        clock.Advance(TimeSpan.FromMinutes(1));
        var groupBefore = (await Alerts.Alerts.BotMessagesAsync(api, group)).Count;
        await SayAsync(api, group, "/digest preview", "alice");
        var privateChat = await Alerts.Alerts.BotMessagesAsync(api, "alice");
        Assert.Contains(privateChat, m => m.Text.StartsWith("Preview of the digest", StringComparison.Ordinal));
        Assert.Contains(privateChat, m => m.Image is not null && m.Text.Length == 0); // its map, as the digest will have it
        Assert.Contains(privateChat, m => m.Text.Contains("al-Mayadin", StringComparison.Ordinal) && m.Text.Contains("Shelling", StringComparison.Ordinal));
        Assert.Equal(groupBefore, (await Alerts.Alerts.BotMessagesAsync(api, group)).Count);
        Assert.Equal(0, await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestRuns.CountAsync()));
        Assert.False(await Alerts.Alerts.InScopeAsync(app.Services, db => db.Outbox.AnyAsync(o => o.Kind == OutboxKinds.Digest)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_mode_replaces_a_subscribers_instant_alerts_with_a_digest_of_their_subscriptions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Morning);
        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();
        const string chat = "804";
        await SayAsync(api, chat, "/lang en");
        await SayAsync(api, chat, "/subscribe al-Mayadin");

        // Digest mode needs a digest to carry the subscriptions.
        Assert.StartsWith("This chat has no digest yet", (await SayAsync(api, chat, "/digest only")).Text, StringComparison.Ordinal);
        Assert.All(await SubscriptionModesAsync(app, chat), m => Assert.Equal(Core.Routing.DeliveryMode.Instant, m));
        await SayAsync(api, chat, "/digest daily 08:00");
        var on = await SayAsync(api, chat, "/digest only");
        Assert.StartsWith("This chat's subscriptions no longer alert instantly", on.Text, StringComparison.Ordinal);
        Assert.Contains("Covers: this chat's subscriptions, instead of instant alerts", on.Text, StringComparison.Ordinal);
        await SayAsync(api, chat, "/subscribe al-Tanf"); // a subscription added in digest mode is digest-only too
        Assert.Equal([Core.Routing.DeliveryMode.DigestOnly, Core.Routing.DeliveryMode.DigestOnly], await SubscriptionModesAsync(app, chat));

        // Confirmed events: the subscribed one alerts nobody at once; the other one is not theirs at all.
        var before = (await Alerts.Alerts.BotMessagesAsync(api, chat)).Count;
        clock.Advance(TimeSpan.FromMinutes(30));
        await ConfirmAsync(api, Reports.MayadinShellingArabic);
        await ConfirmAsync(api, Reports.AlbuKamalAirstrike);
        await Alerts.Alerts.SettledAsync(app.Services);
        Assert.Equal(before, (await Alerts.Alerts.BotMessagesAsync(api, chat)).Count);

        // At 08:00 the digest has what the subscriptions ask for, and nothing else.
        clock.Advance(TimeSpan.FromMinutes(30));
        var settingId = await Alerts.Alerts.InScopeAsync(app.Services, db => db.DigestSettings.Select(s => s.Id).SingleAsync());
        Assert.NotNull(await RunJobAsync(app, settingId));
        var digest = await DigestAsync(api, chat, count: 1);
        Assert.Contains("al-Mayadin", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Albu Kamal", digest.Text, StringComparison.Ordinal);

        // The console says so, in the reader's language.
        using (var console = await app.ConsoleClientAsync())
        {
            using var arabic = new HttpRequestMessage(HttpMethod.Get, "/digests");
            arabic.Headers.TryAddWithoutValidation("Accept-Language", "ar");
            var page = await (await console.SendAsync(arabic)).Content.ReadAsStringAsync();
            Assert.Contains("اشتراكات المحادثة، بدل التنبيهات الفورية، ضمن: كل الحوادث المؤكدة", page, StringComparison.Ordinal);
            Assert.Contains("<th>الموعد التالي</th>", page, StringComparison.Ordinal);
            Assert.Contains("أُرسل ", page, StringComparison.Ordinal);
        }

        // Back to instant alerts; and deleting a digest in digest mode brings them back too.
        Assert.StartsWith("This chat's subscriptions alert instantly again", (await SayAsync(api, chat, "/digest instant")).Text, StringComparison.Ordinal);
        Assert.All(await SubscriptionModesAsync(app, chat), m => Assert.Equal(Core.Routing.DeliveryMode.Instant, m));
        await SayAsync(api, chat, "/digest only");
        Assert.Equal("This chat's digest is deleted.\nThis chat's subscriptions alert instantly again.", (await SayAsync(api, chat, "/digest off")).Text);
        Assert.All(await SubscriptionModesAsync(app, chat), m => Assert.Equal(Core.Routing.DeliveryMode.Instant, m));
    }

    [SkippableFact]
    public async Task Two_hosts_on_one_PostgreSQL_send_each_digest_once()
    {
        await using var database = await TestDatabase.CreateAsync("PostgreSql");
        var clock = new FakeTimeProvider(Morning);
        await using var one = new AlertBotApp(database, time: clock);
        await using var two = new AlertBotApp(database, time: clock);
        using var api = one.ApiClient();
        await SayAsync(api, "803", "/lang en");
        await SayAsync(api, "803", "/digest daily 08:00");
        var settingId = await Alerts.Alerts.InScopeAsync(one.Services, db => db.DigestSettings.Select(s => s.Id).SingleAsync());
        await ConfirmAsync(api, Reports.MayadinShellingArabic);
        clock.Advance(TimeSpan.FromHours(1));

        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunJobAsync(i % 2 == 0 ? one : two, settingId)));
        Assert.Single(made, r => r is not null);
        await DigestAsync(api, "803", count: 1);
        await Alerts.Alerts.SettledAsync(one.Services);
        Assert.Single(await DigestsAsync(api, "803"));
    }

    private static Task<List<Core.Routing.DeliveryMode>> SubscriptionModesAsync(AlertBotApp app, string chat) =>
        Alerts.Alerts.InScopeAsync(app.Services, db => db.Subscriptions.AsNoTracking()
            .Where(s => db.Recipients.Any(r => r.Id == s.RecipientId && r.ChatId == chat))
            .OrderBy(s => s.Id)
            .Select(s => s.Mode)
            .ToListAsync());

    private static string ConsoleTextSeconds(DateTimeOffset at) => AlertBot.Pages.ConsoleText.Seconds(at);

    private static async Task<SandboxMessageDto> SayAsync(HttpClient api, string chat, string text, string? userId = null)
    {
        (await api.PostAsJsonAsync($"/api/sandbox/chats/{chat}/messages", new { text, userId })).EnsureSuccessStatusCode();
        return (await Alerts.Alerts.BotMessagesAsync(api, chat)).Last();
    }

    private static async Task<long> ConfirmAsync(HttpClient api, object report)
    {
        var id = (await Reports.PostAsync(api, report)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<long?> RunJobAsync(AlertBotApp app, long settingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(settingId, CancellationToken.None);
    }

    /// <summary>The digests the chat got: a digest's heading, or the one line of an empty period.</summary>
    private static async Task<List<SandboxMessageDto>> DigestsAsync(HttpClient api, string chat) =>
        (await Alerts.Alerts.BotMessagesAsync(api, chat))
            .Where(m => m.Text.Contains("Digest of confirmed incidents", StringComparison.Ordinal) || m.Text.StartsWith("No confirmed incidents", StringComparison.Ordinal))
            .ToList();

    /// <summary>Waits for the chat's <paramref name="count"/>th digest and returns it.</summary>
    private static async Task<SandboxMessageDto> DigestAsync(HttpClient api, string chat, int count)
    {
        await Alerts.Alerts.UntilAsync(async () => (await DigestsAsync(api, chat)).Count >= count, TimeSpan.FromSeconds(30), $"digest {count}");
        return (await DigestsAsync(api, chat))[count - 1];
    }

    private static List<RecurringJobDto> RecurringJobs(AlertBotApp app, long settingId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith($"digest-{settingId}-", StringComparison.Ordinal)).OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
    }
}
