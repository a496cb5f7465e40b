using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AlertBot.Api;
using AlertBot.Core.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;

namespace AlertBot.IntegrationTests.Events;

/// <summary>The web console as moderators use it: queue, event page, actions, audit log.</summary>
public sealed partial class ConsoleModerationTests
{
    private const string Password = "another long console password";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Console_moderators_confirm_from_the_queue_while_a_console_user_without_the_role_gets_403(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var hash = PasswordHashes.Hash(Password);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Console:Users:cora:PasswordHash"] = hash,
            ["Console:Users:cora:Roles"] = "curator",
            ["Console:Users:lina:PasswordHash"] = hash,
            ["Moderation:Moderators"] = "console:lina, telegram:42",
        });
        using var api = app.ApiClient();
        var shelling = (await Reports.PostAsync(api, Reports.MayadinShellingArabic)).EventId!.Value;
        await Reports.PostAsync(api, Reports.MayadinShellingEnglish);
        var airstrike = (await Reports.PostAsync(api, Reports.AlbuKamalAirstrike)).EventId!.Value;

        // A console user without the moderator role reads the queue but has no buttons, and a forged post is refused.
        using var cora = await app.ConsoleClientAsync("cora", Password);
        var queue = await cora.GetStringAsync(new Uri("/events", UriKind.Relative));
        Assert.Contains($"href=\"/events/{shelling}\"", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm selected", queue, StringComparison.Ordinal);
        var page = await cora.GetStringAsync(new Uri($"/events/{shelling}", UriKind.Relative));
        Assert.DoesNotContain(">Confirm</button>", page, StringComparison.Ordinal);
        var token = AlertBotApp.AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(cora, $"/events/{shelling}?handler=Confirm", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(cora, "/events?handler=Confirm", token, ("ids", shelling.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(cora, $"/events/{shelling}?handler=Reject", token, ("reason", "no"))).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!);
        Assert.Equal("pending", (await api.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!.Status);

        // The queue lists both events with their sources; the most corroborated order puts the two-outlet shelling first.
        using var mona = await app.ConsoleClientAsync();
        var corroborated = await mona.GetStringAsync(new Uri("/events?status=pending&order=MostCorroborated", UriKind.Relative));
        Assert.True(corroborated.IndexOf($"href=\"/events/{shelling}\"", StringComparison.Ordinal) < corroborated.IndexOf($"href=\"/events/{airstrike}\"", StringComparison.Ordinal));
        var byPlace = await mona.GetStringAsync(new Uri("/events?status=pending&place=" + Uri.EscapeDataString("البوكمال"), UriKind.Relative));
        Assert.Contains($"href=\"/events/{airstrike}\"", byPlace, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/events/{shelling}\"", byPlace, StringComparison.Ordinal);
        var byType = await mona.GetStringAsync(new Uri("/events?status=pending&type=shelling", UriKind.Relative));
        Assert.Contains($"href=\"/events/{shelling}\"", byType, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/events/{airstrike}\"", byType, StringComparison.Ordinal);

        // The event page shows both source texts, the Arabic one right-to-left, with the extraction's spans highlighted.
        var eventPage = await mona.GetStringAsync(new Uri($"/events/{shelling}", UriKind.Relative));
        Assert.Contains("Deir Press", eventPage, StringComparison.Ordinal);
        Assert.Contains("Euphrates Monitor", eventPage, StringComparison.Ordinal);
        Assert.Matches("<div class=\"text report\" dir=\"rtl\">[^<]*<mark class=\"hl-", eventPage);
        Assert.Matches("<mark class=\"hl-place\" title=\"place: [^\"]+\">مدينة الميادين</mark> في ريف", eventPage);
        Assert.Matches("<mark class=\"hl-type\" title=\"type: shelling\">Artillery</mark> shelling hit", eventPage);

        // Bulk confirm from the queue, as console:mona; the audit page shows it.
        var queueToken = AlertBotApp.AntiforgeryToken().Match(await mona.GetStringAsync(new Uri("/events", UriKind.Relative))).Groups[1].Value;
        var bulk = await PostFormAsync(mona, "/events?handler=Confirm&status=pending", queueToken,
            ("ids", shelling.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ids", airstrike.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        var confirmed = (await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=confirmed"))!;
        Assert.Equal(2, confirmed.Count);
        Assert.All(confirmed, e => Assert.Equal("console:mona", e.DecidedBy));
        var audit = await mona.GetStringAsync(new Uri("/audit", UriKind.Relative));
        Assert.Equal(2, ConfirmRow().Count(audit));

        // A login listed in Moderation:Moderators moderates without the role: it retracts one of them.
        using var lina = await app.ConsoleClientAsync("lina", Password);
        var linaToken = AlertBotApp.AntiforgeryToken().Match(await lina.GetStringAsync(new Uri($"/events/{airstrike}", UriKind.Relative))).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(lina, $"/events/{airstrike}?handler=Retract", linaToken, ("reason", "Wrong place"))).StatusCode);
        var retracted = (await api.GetFromJsonAsync<EventDto>($"/api/events/{airstrike}"))!;
        Assert.Equal("retracted", retracted.Status);
        Assert.Equal("console:lina", retracted.DecidedBy);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_report_text_is_stored_intact_and_shown_inert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        const string Rlo = "\u202E";
        var hostileTitle = "<img src=x onerror=alert(1)> @everyone shelling of al-Mayadin";
        var hostileText = "<script>alert('owned')</script> @everyone @here " + Rlo + "gnilleh s" + "\u202C"
            + " Artillery shelling hit al-Mayadin this morning. <b onmouseover=\"x()\">bold</b> &amp; </div></li>";
        var accepted = await Reports.PostAsync(api, new { source = "<i>Evil</i> outlet", title = hostileTitle, text = hostileText, language = "en", publishedAt = Reports.Morning });
        Assert.NotNull(accepted.EventId);

        // A megabyte of it is refused at the door, naming the limit; the largest report that passes is stored whole.
        var flooding = await api.PostAsJsonAsync("/api/reports", new { source = "Flood", text = string.Concat(Enumerable.Repeat("قصف <script>x</script> \u202E ", 1024 * 1024 / 24)) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, flooding.StatusCode);
        Assert.Contains("the limit is 262144 characters", await flooding.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unit = "قصف <script>x</script> \u202E ";
        var huge = string.Concat(Enumerable.Repeat(unit, ReportIngestor.MaxReportLength / unit.Length)) + "end";
        huge = huge[..Math.Min(huge.Length, ReportIngestor.MaxReportLength)];
        var big = await Reports.PostAsync(api, new { source = "Flood", text = huge });
        Assert.Null(big.EventId);

        // Stored intact: the API gives back exactly what was sent.
        var stored = (await api.GetFromJsonAsync<List<ReportDto>>("/api/reports?q=owned"))!;
        Assert.Equal(hostileText, Assert.Single(stored).Text);
        Assert.Equal(hostileTitle, stored[0].Title);
        Assert.Equal("<i>Evil</i> outlet", stored[0].Source);
        var flood = (await api.GetFromJsonAsync<List<ReportDto>>("/api/reports?q=Flood&relevant=false"))!;
        Assert.Equal(huge, Assert.Single(flood).Text);
        Assert.NotNull(flood[0].IrrelevantReason);

        // Shown inert: encoded markup, no element from the report, and the override kept inside an isolating element.
        using var mona = await app.ConsoleClientAsync();
        foreach (var path in new[] { $"/events/{accepted.EventId}", "/events", "/reports" })
        {
            var html = await mona.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<i>Evil</i>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
        }

        var page = await mona.GetStringAsync(new Uri($"/events/{accepted.EventId}", UriKind.Relative));
        Assert.Contains("&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;Evil&lt;/i&gt; outlet", page, StringComparison.Ordinal);
        Assert.Contains("@everyone", page, StringComparison.Ordinal);
        Assert.Matches("<div class=\"text report\" dir=\"ltr\">[^<]*(\u202E|&#x202E;)", page);
        var css = await mona.GetStringAsync(new Uri("/console.css", UriKind.Relative));
        Assert.Contains(".report, .source h3, bdi { unicode-bidi: isolate; }", css, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string token, params (string Key, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<td class=\"action\">confirm</td>")]
    private static partial Regex ConfirmRow();
}
