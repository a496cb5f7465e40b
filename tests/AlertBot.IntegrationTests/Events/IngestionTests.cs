using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AlertBot.Api;
using AlertBot.Core.Events;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Events;

/// <summary>From report to pending event through <c>/api/reports</c>, on both databases.</summary>
public sealed class IngestionTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_outlets_on_one_shelling_make_one_event_an_airstrike_elsewhere_another_and_a_repost_is_stored_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var curator = app.ApiClient(AlertBotApp.CuratorKey);

        var created = await curator.PostAsJsonAsync("/api/reports", Reports.MayadinShellingArabic);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var arabic = await AlertBotApp.ReadAsync<ReportAccepted>(created);
        var english = await Reports.PostAsync(curator, Reports.MayadinShellingEnglish);
        var airstrike = await Reports.PostAsync(curator, Reports.AlbuKamalAirstrike);

        Assert.NotNull(arabic.EventId);
        Assert.Equal(arabic.EventId, english.EventId);
        Assert.NotNull(airstrike.EventId);
        Assert.NotEqual(arabic.EventId, airstrike.EventId);

        // The same report posted again, by URL and by content (another URL, the same words with other spacing and diacritics).
        var again = await curator.PostAsJsonAsync("/api/reports", Reports.MayadinShellingArabic);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repost = await AlertBotApp.ReadAsync<ReportAccepted>(again);
        Assert.True(repost.Duplicate);
        Assert.Equal(arabic.Id, repost.Id);
        var copy = await Reports.PostAsync(curator, new
        {
            source = "Deir Press mirror",
            url = "https://mirror.example/copy",
            text = "تعرضت مدينةُ الميادين  في ريف دير الزور الشرقي صباح اليوم لقصفٍ مدفعي، وأفاد سكان بسقوط عدة قذائف على الأحياء السكنية!",
        });
        Assert.True(copy.Duplicate);
        Assert.Equal(arabic.Id, copy.Id);

        using var api = app.ApiClient();
        var pending = (await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!;
        Assert.Equal(2, pending.Count);
        var shelling = pending.Single(e => e.Id == arabic.EventId);
        Assert.Equal(["Deir Press", "Euphrates Monitor"], shelling.Sources.Select(s => s.Outlet).Order());
        Assert.Equal(2, shelling.OutletCount);
        Assert.Contains("shelling", shelling.EventTypes);
        Assert.Equal(["ar", "en"], shelling.Sources.Select(s => s.Language).Order());
        var strike = pending.Single(e => e.Id == airstrike.EventId);
        Assert.Contains("airstrike", strike.EventTypes);
        Assert.Single(strike.Sources);
        Assert.Empty((await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=confirmed"))!);

        // A commentary is kept, searchable, with the reason, and makes no event.
        var commentary = await Reports.PostAsync(curator, Reports.Commentary);
        Assert.Null(commentary.EventId);
        Assert.False(commentary.Relevant);
        var found = (await api.GetFromJsonAsync<List<ReportDto>>("/api/reports?q=drought"))!;
        var kept = Assert.Single(found);
        Assert.False(kept.Relevant);
        Assert.False(string.IsNullOrWhiteSpace(kept.IrrelevantReason));
        Assert.Equal(2, (await api.GetFromJsonAsync<List<EventDto>>("/api/events"))!.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_past_the_one_length_limit_is_refused_at_the_door_and_one_at_the_limit_is_read_whole(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var curator = app.ApiClient(AlertBotApp.CuratorKey);
        const string Title = "Long dispatch from the east";
        const string Incident = " Artillery shelling hit the city of al-Mayadin in the eastern Deir ez-Zor countryside this morning.";
        string Padded(int length, string marker)
        {
            var filler = string.Concat(Enumerable.Repeat($"Residents of the region {marker} talked about the harvest and the weather. ", length / 60 + 1));
            return filler[..(length - Title.Length - Incident.Length)] + Incident;
        }

        // One character past the limit (title and text together): 413, a problem naming the limit, nothing stored.
        var refused = await curator.PostAsJsonAsync("/api/reports", new { source = "Long Wire", title = Title, text = Padded(ReportIngestor.MaxReportLength + 1, "zzrefused"), language = "en" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>())!;
        Assert.Equal("report is too long: 262145 characters, title and text together; the limit is 262144 characters", problem.GetProperty("detail").GetString());
        Assert.Equal(262_144, problem.GetProperty("limit").GetInt32());
        using var api = app.ApiClient();
        Assert.Empty((await api.GetFromJsonAsync<List<ReportDto>>("/api/reports?q=zzrefused"))!);

        // Exactly at the limit: stored, and read to its last sentence, where the incident is.
        var accepted = await Reports.PostAsync(curator, new { source = "Long Wire", title = Title, text = Padded(ReportIngestor.MaxReportLength, "zzaccepted"), language = "en", publishedAt = Reports.Morning });
        Assert.NotNull(accepted.EventId);
        var stored = Assert.Single((await api.GetFromJsonAsync<List<ReportDto>>("/api/reports?q=zzaccepted"))!);
        Assert.Equal(ReportIngestor.MaxReportLength, Title.Length + stored.Text.Length);
        Assert.Contains("shelling", stored.EventTypes);
    }
}
