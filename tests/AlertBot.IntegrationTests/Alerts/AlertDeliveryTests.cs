using AlertBot.Core.Events;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Core.Delivery;
using AlertBot.Core.Routing;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.IntegrationTests.Alerts;

/// <summary>Confirmed events reach their subscribers on the sandbox, once, and changes follow them.</summary>
public sealed class AlertDeliveryTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Confirmed_shelling_in_al_Mayadin_reaches_subscribers_of_the_town_and_governorate_once_and_changes_edit_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await Alerts.SubscribeAsync(app.Services, "101", new SubscriptionTarget(Alerts.AlMayadin, null, null));
        await Alerts.SubscribeAsync(app.Services, "102", new SubscriptionTarget(Alerts.DeirEzZorGovernorate, null, null));
        await Alerts.SubscribeAsync(app.Services, "103", new SubscriptionTarget(Alerts.AlTanf, null, null));

        // A rejected event reaches nobody.
        var airstrike = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        (await api.PostAsJsonAsync($"/api/events/{airstrike}/reject", new { reason = "Unverified" })).EnsureSuccessStatusCode();

        var shelling = await Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.SettledAsync(app.Services);

        foreach (var chat in new[] { "101", "102" })
        {
            var message = Assert.Single(await Alerts.BotMessagesAsync(api, chat));
            Assert.Contains("قصف مدفعي", message.Text, StringComparison.Ordinal);
            Assert.Contains("Shelling", message.Text, StringComparison.Ordinal);
            Assert.Contains("al-Mayadin (Mayadin District)", message.Text, StringComparison.Ordinal);
            Assert.Contains("Independent sources: 2", message.Text, StringComparison.Ordinal);
            Assert.Contains("بتوقيت دمشق", message.Text, StringComparison.Ordinal);
            Assert.Contains("الميادين (منطقة الميادين)", message.Text, StringComparison.Ordinal);
        }

        Assert.Empty(await Alerts.BotMessagesAsync(api, "103"));
        var rows = await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((shelling, OutboxKinds.Alert, OutboxState.Sent), (r.SubjectId, r.Kind, r.State)));

        // Routing the same event again adds nothing: one row per recipient and event.
        await Alerts.InScopeAsync(app.Services, async db =>
        {
            db.RoutingTasks.Add(new RoutingTask { EventId = shelling, Reason = RoutingReasons.Confirmed, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await Alerts.SettledAsync(app.Services);
        Assert.Equal(2, await Alerts.InScopeAsync(app.Services, db => db.Outbox.CountAsync()));

        // A moderator corrects the counts: the sent alerts are edited in place, no new message.
        (await api.PatchAsJsonAsync($"/api/events/{shelling}", new { counts = new Dictionary<string, int> { ["killed"] = 3 } })).EnsureSuccessStatusCode();
        await Alerts.SettledAsync(app.Services);
        foreach (var chat in new[] { "101", "102" })
        {
            var message = Assert.Single(await Alerts.BotMessagesAsync(api, chat));
            Assert.NotNull(message.EditedAt);
            Assert.Contains("✏️ Updated", message.Text, StringComparison.Ordinal);
            Assert.Contains("3 killed", message.Text, StringComparison.Ordinal);
            Assert.Contains("ثلاثة قتلى", message.Text, StringComparison.Ordinal);
            Assert.Contains("Confirmed by one moderator · corrected by a moderator", message.Text, StringComparison.Ordinal);
        }

        // A moderator corrects the place: the alert is edited, and since an edit notifies nobody, a short notice
        // replies to it, in the chat's languages, saying what it now reads.
        (await api.PatchAsJsonAsync($"/api/events/{shelling}", new { placeIds = new[] { Alerts.AlMayadin, "ES019" } })).EnsureSuccessStatusCode();
        await Alerts.SettledAsync(app.Services);
        var alertIds = new Dictionary<string, long>();
        foreach (var chat in new[] { "101", "102" })
        {
            var messages = await Alerts.BotMessagesAsync(api, chat);
            Assert.Equal(2, messages.Count);
            var (alert, notice) = (messages[0], messages[1]);
            alertIds[chat] = alert.Id;
            Assert.Contains("al-Salihiyah", alert.Text, StringComparison.Ordinal);
            Assert.Equal(alert.Id, notice.ReplyToId);
            Assert.Contains("✏️ تصحيح:", notice.Text, StringComparison.Ordinal);
            Assert.Contains("✏️ Corrected: moderators corrected the alert; it now reads: Shelling — al-Mayadin (Mayadin District), al-Salihiyah", notice.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("🔗", notice.Text, StringComparison.Ordinal);
        }

        // Retracted: the alert now says so, and a second notice under it tells everyone who got it.
        (await api.PostAsJsonAsync($"/api/events/{shelling}/retract", new { reason = "The outlet withdrew its report" })).EnsureSuccessStatusCode();
        await Alerts.SettledAsync(app.Services);
        foreach (var chat in new[] { "101", "102" })
        {
            var messages = await Alerts.BotMessagesAsync(api, chat);
            Assert.Equal(3, messages.Count);
            Assert.Contains("RETRACTED", messages[0].Text, StringComparison.Ordinal);
            Assert.Contains("سُحب هذا التنبيه", messages[0].Text, StringComparison.Ordinal);
            var notice = messages[2];
            Assert.Equal(alertIds[chat], notice.ReplyToId);
            Assert.Contains("⚠️ سُحب التنبيه:", notice.Text, StringComparison.Ordinal);
            Assert.Contains("⚠️ Retracted: moderators withdrew the alert about", notice.Text, StringComparison.Ordinal);
            Assert.False(notice.Silent);
        }

        Assert.Empty(await Alerts.BotMessagesAsync(api, "103"));
        var registry = await Alerts.InScopeAsync(app.Services, db => db.SentMessages.AsNoTracking().ToListAsync());
        Assert.Equal(6, registry.Count);
        Assert.All(registry.Where(m => m.Kind == OutboxKinds.Alert), m => Assert.NotNull(m.EditedAt));
        Assert.Equal(2, registry.Count(m => m.Kind == OutboxKinds.Alert));
        Assert.Equal(4, registry.Count(m => m.Kind == OutboxKinds.Notice));

        // The delivery log lists the notices under the event they are about.
        var log = await (await app.ConsoleClientAsync()).GetStringAsync(new Uri($"/deliveries?eventId={shelling}", UriKind.Relative));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(log, "<td data-label=\"Kind\">notice</td>"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Platform_answering_429_5xx_and_resets_gets_everything_once_and_nothing_before_retry_after(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Delivery:RetryBaseSeconds"] = "0.2",
            ["Delivery:Concurrency"] = "4",
        });
        using var api = app.ApiClient();
        var chats = Enumerable.Range(1, 20).Select(i => $"20{i:00}").ToList();
        foreach (var chat in chats)
        {
            await Alerts.SubscribeAsync(app.Services, chat, new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        }

        var blocked = await Alerts.SubscribeAsync(app.Services, "2999", new SubscriptionTarget(Alerts.DeirEzZorGovernorate, null, null));
        var faults = app.Services.GetRequiredService<SandboxPlatform>().Faults;
        faults.Clear();
        faults.Inject(new SandboxFault(SandboxFaultKind.RateLimit, Count: 2, RetryAfterSeconds: 2));
        faults.Inject(new SandboxFault(SandboxFaultKind.ServerError, Count: 3));
        faults.Inject(new SandboxFault(SandboxFaultKind.ConnectionReset, Count: 3));
        faults.Inject(new SandboxFault(SandboxFaultKind.Blocked, ChatId: "2999"));

        var started = DateTimeOffset.UtcNow;
        await Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.SettledAsync(app.Services);

        foreach (var chat in chats)
        {
            Assert.Single(await Alerts.BotMessagesAsync(api, chat));
        }

        // After a 429 no send starts until retry_after has passed. Sends already in flight when it arrived (at most
        // Concurrency - 1 of them) reach the platform during the window and are refused again; none is accepted.
        var stats = faults.Stats();
        Assert.InRange(stats.SentDuringRetryAfter, 0, 3);
        Assert.Equal(2 + stats.SentDuringRetryAfter, stats.RateLimited);
        Assert.Equal(0, stats.OverLimit);
        Assert.Equal(20, stats.Accepted);

        // Two 429s of 2 s each: nothing was accepted before about 4 s had passed since the first.
        var transcripts = await Alerts.InScopeAsync(app.Services, db => db.SandboxMessages.AsNoTracking().Where(m => m.FromBot).ToListAsync());
        Assert.True(transcripts.Min(m => m.SentAt) >= started + TimeSpan.FromSeconds(3.9), $"first accepted at {transcripts.Min(m => m.SentAt) - started}");

        // The chat that blocked the bot: one attempt, then dead-lettered with the reason and deactivated.
        Assert.Equal(1, stats.AttemptsByBlockedChat["2999"]);
        var row = await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().SingleAsync(o => o.RecipientId == blocked));
        Assert.Equal(OutboxState.Dead, row.State);
        Assert.Contains("blocked by the user", row.LastError, StringComparison.Ordinal);
        var recipient = await Alerts.InScopeAsync(app.Services, db => db.Recipients.AsNoTracking().SingleAsync(r => r.Id == blocked));
        Assert.False(recipient.Active);
        Assert.Contains("blocked", recipient.DeactivatedReason, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Quiet_hours_hold_or_silence_the_alert_a_paused_chat_gets_nothing_and_hostile_text_arrives_inert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();
        var damascus = TimeZoneInfo.FindSystemTimeZoneById(Recipient.DefaultTimeZone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), damascus).DateTime);
        var (from, until) = (local.AddHours(-1), local.AddHours(1));
        var held = await Alerts.SubscribeAsync(app.Services, "301", new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        var silent = await Alerts.SubscribeAsync(app.Services, "302", new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        var paused = await Alerts.SubscribeAsync(app.Services, "303", new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        await Alerts.SubscribeAsync(app.Services, "304", new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        var heldShorter = await Alerts.SubscribeAsync(app.Services, "305", new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
            foreach (var (recipientId, mode, end) in new[] { (held, QuietMode.Hold, until), (silent, QuietMode.Silent, until), (heldShorter, QuietMode.Hold, local.AddMinutes(30)) })
            {
                var r = await db.Recipients.SingleAsync(x => x.Id == recipientId);
                (r.QuietFrom, r.QuietUntil, r.QuietMode) = (from, end, mode);
            }

            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<SubscriptionService>().SetPausedAsync(await db.Recipients.SingleAsync(x => x.Id == paused), true, CancellationToken.None);
        }

        var id = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        (await api.PatchAsJsonAsync($"/api/events/{id}", new { noteEn = "<b>@everyone</b> see \u202Egnp.exe\u202C <script>alert(1)</script>" })).EnsureSuccessStatusCode();
        (await api.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await Alerts.UntilAsync(async () => (await Alerts.BotMessagesAsync(api, "302")).Count == 1 && (await Alerts.BotMessagesAsync(api, "304")).Count == 1, TimeSpan.FromSeconds(30), "the alerts outside quiet hours");

        var normal = Assert.Single(await Alerts.BotMessagesAsync(api, "304"));
        Assert.False(normal.Silent);
        Assert.True(Assert.Single(await Alerts.BotMessagesAsync(api, "302")).Silent, "silent quiet hours deliver without a sound");
        Assert.Contains("Note: <b>@everyone</b> see gnp.exe <script>alert(1)</script>", normal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', normal.Text);

        // Held: still owed, due when the window ends; paused: never routed. The bot's clock stands still meanwhile.
        Assert.Empty(await Alerts.BotMessagesAsync(api, "301"));
        Assert.Empty(await Alerts.BotMessagesAsync(api, "303"));
        // The dispatcher decides a row's quiet hours when it reaches it, and it reaches rows of one pass concurrently:
        // wait until 301's row has been looked at (its due time moved off "now") before reading it.
        await Alerts.UntilAsync(
            async () => (await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().SingleAsync(o => o.RecipientId == held))).DueAt > clock.GetUtcNow(),
            TimeSpan.FromSeconds(30),
            "the dispatcher holding 301's alert");
        var heldRow = await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().SingleAsync(o => o.RecipientId == held));
        Assert.Equal(OutboxState.Pending, heldRow.State);
        var windowEnd = clock.GetUtcNow().AddHours(1);
        Assert.InRange(heldRow.DueAt, windowEnd.AddMinutes(-2), windowEnd.AddMinutes(1));
        Assert.False(await Alerts.InScopeAsync(app.Services, db => db.Outbox.AnyAsync(o => o.RecipientId == paused)));

        // Past the end of 305's shorter window the dispatcher sends its held alert; 301's window goes on, so it still
        // has nothing (the same dispatcher pass saw both rows).
        clock.Advance(TimeSpan.FromMinutes(31));
        await Alerts.UntilAsync(async () => (await Alerts.BotMessagesAsync(api, "305")).Count == 1, TimeSpan.FromSeconds(30), "the alert held until 305's window ended");
        Assert.Empty(await Alerts.BotMessagesAsync(api, "301"));
        Assert.Equal(OutboxState.Pending, (await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().SingleAsync(o => o.RecipientId == held))).State);

        // At the end of 301's window its alert arrives, once; the paused chat still gets nothing.
        clock.Advance(TimeSpan.FromMinutes(30));
        await Alerts.UntilAsync(async () => (await Alerts.BotMessagesAsync(api, "301")).Count == 1, TimeSpan.FromSeconds(30), "the alert held until 301's window ended");
        await Alerts.SettledAsync(app.Services);
        Assert.Single(await Alerts.BotMessagesAsync(api, "301"));
        Assert.Single(await Alerts.BotMessagesAsync(api, "305"));
        Assert.Empty(await Alerts.BotMessagesAsync(api, "303"));

        // The instruments the operators watch are exported.
        var metrics = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("alertbot_delivery_confirm_to_send", metrics, StringComparison.Ordinal);
        Assert.Contains("alertbot_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("alertbot_messages_sent", metrics, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_429_holds_every_send_until_retry_after_has_passed_on_the_bot_clock(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();
        string[] chats = ["601", "602", "603"];
        foreach (var chat in chats)
        {
            await Alerts.SubscribeAsync(app.Services, chat, new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
        }

        var faults = app.Services.GetRequiredService<SandboxPlatform>().Faults;
        faults.Clear();
        faults.Inject(new SandboxFault(SandboxFaultKind.RateLimit, Count: 1, RetryAfterSeconds: 30));
        var id = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();

        // The first send is answered 429 with retry_after 30 s: the whole platform is held, and every row (the refused
        // one and those behind it at the gate) is put back until then, without spending an attempt.
        var holdEnd = clock.GetUtcNow().AddSeconds(30);
        await Alerts.UntilAsync(
            async () => await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKinds.Alert).ToListAsync()) is { Count: 3 } rows
                && rows.All(o => o.State == OutboxState.Pending && o.DueAt >= holdEnd && o.LeaseOwner == null),
            TimeSpan.FromSeconds(30),
            "every row put back until retry_after has passed");

        // Sends already in flight when the 429 came (at most the other two) reach the platform inside the window and are
        // refused in turn; none is accepted.
        var held = faults.Stats();
        Assert.Equal((0L, held.RateLimited - 1), (held.Accepted, held.SentDuringRetryAfter));
        Assert.InRange(held.RateLimited, 1, 3);

        // A second before the end of the hold the rows are still not due: the bot's clock decides, not the wall clock.
        // (That nothing reached the platform inside the window is proved below by its own count, kept on the same clock.)
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.All(
            await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().ToListAsync()),
            o => Assert.True(o.State == OutboxState.Pending && o.DueAt > clock.GetUtcNow(), $"row {o.Id}: {o.State} due {o.DueAt:O}"));

        // Past it, each chat gets its alert once, and the platform saw no send inside the window.
        clock.Advance(TimeSpan.FromSeconds(2));
        await Alerts.UntilAsync(
            async () => (await Task.WhenAll(chats.Select(c => Alerts.BotMessagesAsync(api, c)))).All(m => m.Count == 1),
            TimeSpan.FromSeconds(30),
            "the alerts after retry_after");
        await Alerts.SettledAsync(app.Services);
        foreach (var chat in chats)
        {
            Assert.Single(await Alerts.BotMessagesAsync(api, chat));
        }

        var stats = faults.Stats();
        Assert.Equal((3L, held.RateLimited, held.SentDuringRetryAfter, 0L), (stats.Accepted, stats.RateLimited, stats.SentDuringRetryAfter, stats.OverLimit));
        Assert.All(
            await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().ToListAsync()),
            o => Assert.Equal((OutboxState.Sent, 1), (o.State, o.Attempts)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_leased_by_a_process_that_died_are_sent_once_when_the_lease_has_passed_on_the_bot_clock(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        string[] leased = ["501", "502", "503"];
        long eventId;

        // A process confirms and routes, claims three rows for a minute, and dies before sending them.
        await using (var first = new AlertBotApp(database, new Dictionary<string, string?> { ["Delivery:Dispatch"] = "false" }, clock))
        {
            foreach (var chat in leased.Append("504"))
            {
                await Alerts.SubscribeAsync(first.Services, chat, new SubscriptionTarget(Alerts.AlMayadin, null, null), ChatLanguage.En);
            }

            eventId = await Alerts.ConfirmMayadinShellingAsync(first);
            await Alerts.UntilAsync(() => Alerts.InScopeAsync(first.Services, db => db.RoutingTasks.AnyAsync(t => t.EventId == eventId && t.DoneAt != null)),
                TimeSpan.FromSeconds(30), "the event to be routed");
            var until = clock.GetUtcNow() + TimeSpan.FromSeconds(60);
            var recipients = await Alerts.InScopeAsync(first.Services, db => db.Recipients.Where(r => leased.Contains(r.ChatId)).Select(r => r.Id).ToListAsync());
            Assert.Equal(3, await Alerts.InScopeAsync(first.Services, db => db.Outbox
                .Where(o => o.SubjectId == eventId && recipients.Contains(o.RecipientId))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.LeaseOwner, "crashed-host").SetProperty(o => o.LeaseUntil, until).SetProperty(o => o.Attempts, 1))));
        }

        await using var app = new AlertBotApp(database, time: clock);
        using var api = app.ApiClient();

        // The unleased row is sent by the new dispatcher; the leased ones wait for their lease, however often it polls.
        await Alerts.UntilAsync(async () => (await Alerts.BotMessagesAsync(api, "504")).Count == 1, TimeSpan.FromSeconds(30), "the unleased alert");
        foreach (var chat in leased)
        {
            Assert.Empty(await Alerts.BotMessagesAsync(api, chat));
        }

        // The lease has passed: each of the three gets its alert, once.
        clock.Advance(TimeSpan.FromSeconds(61));
        await Alerts.SettledAsync(app.Services);
        foreach (var chat in leased.Append("504"))
        {
            Assert.Single(await Alerts.BotMessagesAsync(api, chat));
        }

        Assert.All(await Alerts.InScopeAsync(app.Services, db => db.Outbox.AsNoTracking().Where(o => o.SubjectId == eventId).ToListAsync()),
            o => Assert.Equal(OutboxState.Sent, o.State));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Daily_clean_up_drops_change_log_rows_older_than_a_day_and_the_index_still_routes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await Alerts.SubscribeAsync(app.Services, "401", new SubscriptionTarget(Alerts.AlMayadin, null, null));
        await Alerts.InScopeAsync(app.Services, db => db.SubscriptionChanges.ExecuteUpdateAsync(u => u.SetProperty(c => c.At, DateTimeOffset.UtcNow.AddDays(-2))));
        await Alerts.SubscribeAsync(app.Services, "402", new SubscriptionTarget(Alerts.AlMayadin, null, null));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AlertBot.Hosting.SandboxCleanupJob>().RunAsync(CancellationToken.None);
        }

        var left = await Alerts.InScopeAsync(app.Services, db => db.SubscriptionChanges.AsNoTracking().ToListAsync());
        Assert.Single(left);
        await Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.SettledAsync(app.Services);
        Assert.Single(await Alerts.BotMessagesAsync(api, "401"));
        Assert.Single(await Alerts.BotMessagesAsync(api, "402"));
    }
}
