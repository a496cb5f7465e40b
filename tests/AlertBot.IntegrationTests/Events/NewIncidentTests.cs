using System.Net;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Core.Events;
using AlertBot.Core.Routing;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using AlertsSteps = AlertBot.IntegrationTests.Alerts.Alerts;

namespace AlertBot.IntegrationTests.Events;

/// <summary>A new incident is never swallowed by an event moderators decided, through the real host and the sandbox chat.</summary>
public sealed class NewIncidentTests
{
    /// <summary>7:30 p.m. in Damascus on 1 December 2025.</summary>
    private static readonly DateTimeOffset Evening = new(2025, 12, 1, 16, 30, 0, TimeSpan.Zero);

    /// <summary>9 a.m. in Damascus on 2 December 2025.</summary>
    private static readonly DateTimeOffset NextMorning = new(2025, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Morning_report_after_the_confirmed_evening_shelling_becomes_a_new_pending_event_and_once_confirmed_reaches_subscribers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await AlertsSteps.SubscribeAsync(app.Services, "3001", new SubscriptionTarget(AlertsSteps.AlMayadin, null, null));

        var evening = await Reports.PostAsync(api, new
        {
            source = "Deir Press",
            text = "قصف مدفعي استهدف مدينة الميادين في ريف دير الزور الشرقي مساء اليوم، وسقطت قذائف على الأحياء السكنية.",
            language = "ar",
            publishedAt = Evening,
        });
        var eveningId = evening.EventId!.Value;
        Assert.Equal("confirmed", (await AlertBotApp.ReadAsync<EventDto>(await api.PostAsync(new Uri($"/api/events/{eveningId}/confirm", UriKind.Relative), null))).Status);
        await AlertsSteps.SettledAsync(app.Services);
        Assert.Single(await AlertsSteps.BotMessagesAsync(api, "3001"));

        var morning = await Reports.PostAsync(api, new
        {
            source = "Euphrates Monitor",
            text = "Artillery shelling hit the city of al-Mayadin in the eastern Deir ez-Zor countryside this morning, residents said.",
            language = "en",
            publishedAt = NextMorning,
        });

        // Not swallowed: a pending event of its own, not linked to the evening's, and the evening's event unchanged.
        Assert.NotNull(morning.EventId);
        Assert.NotEqual(eveningId, morning.EventId);
        var pending = Assert.Single((await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!);
        Assert.Equal(morning.EventId, pending.Id);
        Assert.Null(pending.LinkedEventId);
        Assert.Equal(new DateOnly(2025, 12, 2), pending.EventDate);
        Assert.Single((await api.GetFromJsonAsync<EventDto>($"/api/events/{eveningId}"))!.Sources);
        var placements = (await api.GetFromJsonAsync<List<AuditDto>>("/api/audit?placements=true"))!.Where(a => a.Action == "place").ToList();
        Assert.Equal([PlacementRules.NewIncident, PlacementRules.NewTime], placements.AsEnumerable().Reverse().Select(a => a.Rule));
        Assert.Equal("system:clustering", placements[0].Actor);
        Assert.Contains($"report {morning.Id}", placements[0].Detail, StringComparison.Ordinal);

        // Confirmed, it reaches the subscriber as a second alert.
        Assert.Equal("confirmed", (await AlertBotApp.ReadAsync<EventDto>(await api.PostAsync(new Uri($"/api/events/{morning.EventId}/confirm", UriKind.Relative), null))).Status);
        await AlertsSteps.SettledAsync(app.Services);
        var messages = await AlertsSteps.BotMessagesAsync(api, "3001");
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Contains("Shelling", m.Text, StringComparison.Ordinal));
        Assert.Contains("Euphrates Monitor", messages[1].Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_true_repeat_joins_a_confirmed_event_news_is_linked_and_merged_in_one_click_and_a_retracted_event_takes_nothing_silently(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        var confirmed = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{confirmed}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();

        // A true repeat (another outlet, the same incident, nothing new) joins the confirmed event as a source.
        var repeat = await Reports.PostAsync(api, Reports.MayadinShellingEnglish);
        Assert.Equal(confirmed, repeat.EventId);
        var afterRepeat = (await api.GetFromJsonAsync<EventDto>($"/api/events/{confirmed}"))!;
        Assert.Equal("confirmed", afterRepeat.Status);
        Assert.Equal(2, afterRepeat.OutletCount);
        Assert.Empty((await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!);

        // A report that adds a count goes to the moderators, linked to the confirmed event.
        var news = await Reports.PostAsync(api, new
        {
            source = "Sham Network",
            text = "Three civilians were killed when artillery shelling hit al-Mayadin this morning.",
            language = "en",
            publishedAt = Reports.Morning.AddHours(2),
        });
        Assert.NotEqual(confirmed, news.EventId);
        var linked = (await api.GetFromJsonAsync<EventDto>($"/api/events/{news.EventId}"))!;
        Assert.Equal("pending", linked.Status);
        Assert.Equal(confirmed, linked.LinkedEventId);
        Assert.Contains("count killed=3", linked.LinkReason, StringComparison.Ordinal);
        Assert.Equal(3, linked.Counts["killed"]);
        Assert.Equal(2, (await api.GetFromJsonAsync<EventDto>($"/api/events/{confirmed}"))!.Sources.Count);

        // The queue and the event page show the link; one click merges it into the confirmed event.
        using var mona = await app.ConsoleClientAsync();
        var queue = await mona.GetStringAsync(new Uri("/events", UriKind.Relative));
        Assert.Contains($"may be the same as <a href=\"/events/{confirmed}\">#{confirmed}</a>", queue, StringComparison.Ordinal);
        var page = await mona.GetStringAsync(new Uri($"/events/{news.EventId}", UriKind.Relative));
        Assert.Contains($"May be the same as <a href=\"/events/{confirmed}\">event #{confirmed}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"Merge into #{confirmed}</button>", page, StringComparison.Ordinal);
        Assert.Contains("rule linked-news", page, StringComparison.Ordinal);
        var confirmedPage = await mona.GetStringAsync(new Uri($"/events/{confirmed}", UriKind.Relative));
        Assert.Contains($"<a href=\"/events/{news.EventId}\">event #{news.EventId}</a>", confirmedPage, StringComparison.Ordinal);
        Assert.Contains("rule joined-repeat", confirmedPage, StringComparison.Ordinal);

        var token = AlertBotApp.AntiforgeryToken().Match(page).Groups[1].Value;
        var merge = await mona.PostAsync(new Uri($"/events/{news.EventId}?handler=MergeLinked", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        Assert.Equal($"/events/{confirmed}", merge.Headers.Location?.OriginalString);
        var merged = (await api.GetFromJsonAsync<EventDto>($"/api/events/{news.EventId}"))!;
        Assert.Equal(("merged", (long?)confirmed), (merged.Status, merged.MergedIntoId));
        var target = (await api.GetFromJsonAsync<EventDto>($"/api/events/{confirmed}"))!;
        Assert.Equal("confirmed", target.Status);
        Assert.Equal(3, target.Sources.Count);
        Assert.Equal(3, target.OutletCount);
        Assert.Contains((await api.GetFromJsonAsync<List<AuditDto>>($"/api/audit?eventId={confirmed}"))!, a => a.Action == "merge" && a.Actor == "console:mona");

        // Retracted, the event takes no new source silently: a repeat opens a pending event linked to it.
        (await api.PostAsJsonAsync($"/api/events/{confirmed}/retract", new { reason = "The outlets withdrew their reports" })).EnsureSuccessStatusCode();
        var again = await Reports.PostAsync(api, new
        {
            source = "Border Watch",
            text = "Artillery shelling hit the city of al-Mayadin this morning, according to local sources.",
            language = "en",
            publishedAt = Reports.Morning.AddHours(3),
        });
        Assert.NotEqual(confirmed, again.EventId);
        var reopened = (await api.GetFromJsonAsync<EventDto>($"/api/events/{again.EventId}"))!;
        Assert.Equal(("pending", (long?)confirmed), (reopened.Status, reopened.LinkedEventId));
        Assert.Contains("retracted", reopened.LinkReason, StringComparison.Ordinal);
        Assert.Equal(3, (await api.GetFromJsonAsync<EventDto>($"/api/events/{confirmed}"))!.Sources.Count);

        // A moderator who finds it the same incident merges it in: the retraction stands, with the source added.
        var intoRetracted = await AlertBotApp.ReadAsync<EventDto>(await api.PostAsJsonAsync($"/api/events/{again.EventId}/merge", new { into = confirmed }));
        Assert.Equal(("retracted", 4), (intoRetracted.Status, intoRetracted.Sources.Count));
        var rules = (await api.GetFromJsonAsync<List<AuditDto>>("/api/audit?placements=true"))!.Where(a => a.Action == "place").Select(a => a.Rule).Reverse();
        Assert.Equal([PlacementRules.NewIncident, PlacementRules.JoinedRepeat, PlacementRules.LinkedNews, PlacementRules.LinkedRetracted], rules);

        // Without placements=true the audit API lists moderators' actions only, as before.
        Assert.DoesNotContain((await api.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!, a => a.Action == "place");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Auto_confirm_writes_the_same_audit_entry_and_routing_task_as_a_moderators_confirm(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Moderation:AutoConfirm:Enabled"] = "true",
            ["Moderation:AutoConfirm:MinOutlets"] = "2",
            ["Moderation:OutletTiers:Deir Press"] = "1",
            ["Moderation:OutletTiers:Euphrates Monitor"] = "1",
        });
        using var api = app.ApiClient();
        await AlertsSteps.SubscribeAsync(app.Services, "3101", new SubscriptionTarget(AlertsSteps.DeirEzZorGovernorate, null, null));

        var auto = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        await Reports.PostAsync(api, Reports.MayadinShellingEnglish);
        var manual = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        (await api.PostAsync(new Uri($"/api/events/{manual}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await AlertsSteps.SettledAsync(app.Services);

        var audit = (await api.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!;
        var byPolicy = Assert.Single(audit, a => a.EventId == auto);
        var byModerator = Assert.Single(audit, a => a.EventId == manual);
        Assert.Equal(("auto-confirm", "system:auto-confirm"), (byPolicy.Action, byPolicy.Actor));
        Assert.Equal(("confirm", "api:ops"), (byModerator.Action, byModerator.Actor));
        foreach (var entry in new[] { byPolicy, byModerator })
        {
            Assert.Equal("Pending", entry.Before!.Status);
            Assert.Equal("Confirmed", entry.After!.Status);
            Assert.Equal([entry.Actor], entry.After.Confirmations);
            Assert.Null(entry.After.ClaimedBy);
        }

        Assert.Equal("2 outlets of tier 1 or better (policy: 2)", byPolicy.Detail);
        var auto_ = (await api.GetFromJsonAsync<EventDto>($"/api/events/{auto}"))!;
        Assert.Equal(("confirmed", "system:auto-confirm"), (auto_.Status, auto_.DecidedBy));
        Assert.NotNull(auto_.DecidedAt);

        var tasks = await AlertsSteps.InScopeAsync(app.Services, db => db.RoutingTasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync());
        Assert.Equal([(auto, RoutingReasons.Confirmed), (manual, RoutingReasons.Confirmed)], tasks.Select(t => (t.EventId, t.Reason)));
        Assert.All(tasks, t => Assert.NotNull(t.DoneAt));

        // The governorate's subscriber got both alerts, one per event.
        var messages = await AlertsSteps.BotMessagesAsync(api, "3101");
        Assert.Equal(2, messages.Count);
        Assert.Single(messages, m => m.Text.Contains("Shelling", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Text.Contains("Airstrike", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_and_split_take_sources_outlets_and_date_from_the_reports_each_event_holds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        var shelling = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        var nextDay = await Reports.PostAsync(api, new
        {
            source = "Border Watch",
            text = "Warplanes carried out an airstrike near Albu Kamal on the border.",
            language = "en",
            publishedAt = Reports.Morning.AddDays(1),
        });
        var airstrike = nextDay.EventId!.Value;
        Assert.Equal(DateOnly.FromDateTime(Reports.Morning.AddDays(1).UtcDateTime), (await api.GetFromJsonAsync<EventDto>($"/api/events/{airstrike}"))!.EventDate);

        var merged = await AlertBotApp.ReadAsync<EventDto>(await api.PostAsJsonAsync($"/api/events/{airstrike}/merge", new { into = shelling }));
        Assert.Equal((2, 2), (merged.Sources.Count, merged.OutletCount));
        Assert.Equal(DateOnly.FromDateTime(Reports.Morning.UtcDateTime), merged.EventDate);

        // Split off again, the report's event has the report's own day, not the day of the event it came from.
        var split = await AlertBotApp.ReadAsync<EventDto>(await api.PostAsJsonAsync($"/api/events/{shelling}/split", new { reportIds = new[] { nextDay.Id } }));
        Assert.Equal(DateOnly.FromDateTime(Reports.Morning.AddDays(1).UtcDateTime), split.EventDate);
        Assert.Equal((1, 1), (split.Sources.Count, split.OutletCount));
        var rest = (await api.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!;
        Assert.Equal((1, 1), (rest.Sources.Count, rest.OutletCount));
        Assert.Equal(DateOnly.FromDateTime(Reports.Morning.UtcDateTime), rest.EventDate);
    }
}
