using System.Net;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Core.Routing;
using AlertBot.IntegrationTests.Alerts;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Events;

/// <summary>Actors' roles from the report to the alert, and a moderator's correction of a role reaching the event page and the sent alert.</summary>
public sealed class ActorRoleCorrectionTests
{
    private static object CoalitionBaseHitByDrone => new
    {
        source = "Deir Press",
        url = "https://deir.example/news/conoco-drone",
        title = "استهداف قاعدة التحالف في حقل كونيكو بطائرة مسيرة",
        text = "استهدفت طائرة مسيرة مجهولة قاعدة التحالف الدولي في حقل كونيكو بريف دير الزور الشرقي صباح اليوم، دون ورود معلومات عن خسائر.",
        language = "ar",
        publishedAt = Reports.Morning,
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Coalition_hit_by_a_drone_is_alerted_as_target_and_a_moderators_role_correction_reaches_the_event_page_and_the_sent_alert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await Alerts.Alerts.SubscribeAsync(app.Services, "301", new SubscriptionTarget(Alerts.Alerts.DeirEzZorGovernorate, null, null));

        // The extractor reads the coalition as what the drone hit; the event keeps that role.
        var id = (await Reports.PostAsync(api, CoalitionBaseHitByDrone)).EventId!.Value;
        var pending = (await api.GetFromJsonAsync<EventDto>($"/api/events/{id}"))!;
        Assert.Contains("coalition", pending.Actors);
        Assert.Equal("target", pending.ActorRoles!["coalition"]);
        var report = Assert.Single((await api.GetFromJsonAsync<List<ReportDto>>("/api/reports"))!, r => r.EventId == id);
        Assert.Equal("target", report.ActorRoles!["coalition"]);

        // Confirmed: the alert names the coalition as the target and says the attacker is unknown, in both languages.
        (await api.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await Alerts.Alerts.SettledAsync(app.Services);
        var alert = Assert.Single(await Alerts.Alerts.BotMessagesAsync(api, "301"));
        Assert.Contains("Target: International coalition · Attacker: unknown", alert.Text, StringComparison.Ordinal);
        Assert.Contains("الهدف: التحالف الدولي · المهاجم: غير معروف", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Actors: International coalition", alert.Text, StringComparison.Ordinal);

        // A moderator learns who launched it and says so on the event page: the militias as attacker.
        using var mona = await app.ConsoleClientAsync();
        var page = await mona.GetStringAsync(new Uri($"/events/{id}", UriKind.Relative));
        Assert.Contains("name=\"roles[coalition]\"", page, StringComparison.Ordinal);
        var token = AlertBotApp.AntiforgeryToken().Match(page).Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("actors", "coalition"),
            new("actors", "iran_backed_militias"),
            new("roles[coalition]", "target"),
            new("roles[iran_backed_militias]", "attacker"),
            new("roles[sdf]", "moving"), // a role on an actor left unticked is dropped with it
            new("__RequestVerificationToken", token),
        };
        fields.AddRange(pending.EventTypes.Select(t => new KeyValuePair<string, string>("types", t)));
        fields.AddRange(pending.PlaceIds.Select(p => new KeyValuePair<string, string>("places", $"#{p}")));
        var saved = await mona.PostAsync(new Uri($"/events/{id}?handler=Edit", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The event page and the API show the roles.
        page = await mona.GetStringAsync(new Uri($"/events/{id}", UriKind.Relative));
        Assert.Contains("International coalition · التحالف الدولي (target)", page, StringComparison.Ordinal);
        Assert.Contains("Iran-backed militias · الميليشيات المدعومة من إيران (attacker)", page, StringComparison.Ordinal);
        var edited = (await api.GetFromJsonAsync<EventDto>($"/api/events/{id}"))!;
        Assert.Equal(new Dictionary<string, string> { ["coalition"] = "target", ["iran_backed_militias"] = "attacker" }, edited.ActorRoles);

        // The sent alert is edited in place to name the attacker.
        await Alerts.Alerts.SettledAsync(app.Services);
        var updated = Assert.Single(await Alerts.Alerts.BotMessagesAsync(api, "301"));
        Assert.NotNull(updated.EditedAt);
        Assert.Contains("✏️ Updated", updated.Text, StringComparison.Ordinal);
        Assert.Contains("Target: International coalition · Attacker: Iran-backed militias", updated.Text, StringComparison.Ordinal);
        Assert.Contains("الهدف: التحالف الدولي · المهاجم: الميليشيات المدعومة من إيران", updated.Text, StringComparison.Ordinal);

        // The audit log keeps the roles before and after.
        var audit = (await api.GetFromJsonAsync<List<AuditDto>>($"/api/audit?eventId={id}"))!;
        var edit = Assert.Single(audit, a => a.Action == "edit");
        Assert.Equal("target", edit.Before!.ActorRoles!["coalition"]);
        Assert.False(edit.Before.ActorRoles.ContainsKey("iran_backed_militias"));
        Assert.Equal("attacker", edit.After!.ActorRoles!["iran_backed_militias"]);

        // Through the API (once the console moderator's edit claim is released): an unknown role is refused, an empty one clears the role.
        var release = new FormUrlEncodedContent([new("__RequestVerificationToken", AlertBotApp.AntiforgeryToken().Match(page).Groups[1].Value)]);
        Assert.Equal(HttpStatusCode.Redirect, (await mona.PostAsync(new Uri($"/events/{id}?handler=Release", UriKind.Relative), release)).StatusCode);
        var refused = await api.PatchAsJsonAsync($"/api/events/{id}", new { actorRoles = new Dictionary<string, string> { ["coalition"] = "spectator" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var cleared = await api.PatchAsJsonAsync($"/api/events/{id}", new { actorRoles = new Dictionary<string, string> { ["iran_backed_militias"] = "" } });
        cleared.EnsureSuccessStatusCode();
        Assert.Equal(new Dictionary<string, string> { ["coalition"] = "target" }, (await AlertBotApp.ReadAsync<EventDto>(cleared)).ActorRoles);
        await Alerts.Alerts.SettledAsync(app.Services);
        var again = Assert.Single(await Alerts.Alerts.BotMessagesAsync(api, "301"));
        Assert.Contains("Target: International coalition · Attacker: unknown", again.Text, StringComparison.Ordinal);
        Assert.Contains("Actors: Iran-backed militias", again.Text, StringComparison.Ordinal);
    }
}
