using System.Net;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.IntegrationTests.Events;

/// <summary>The event lifecycle through <c>/api/events</c>, with the identities and roles of API keys.</summary>
public sealed class ModerationApiTests
{
    private const string SecondModeratorKey = "test-second-moderator-key-0123";

    private static readonly Dictionary<string, string?> SecondModerator = new()
    {
        ["Api:Keys:omar:Key"] = SecondModeratorKey,
        ["Api:Keys:omar:Roles"] = "moderator",
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moderators_claim_edit_confirm_and_retract_while_a_curator_cannot_and_a_rejection_stands(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, SecondModerator);
        using var curator = app.ApiClient(AlertBotApp.CuratorKey);
        using var ops = app.ApiClient();
        using var omar = app.ApiClient(SecondModeratorKey);
        var shelling = (await Reports.PostAsync(curator, Reports.MayadinShellingArabic)).EventId!.Value;
        await Reports.PostAsync(curator, Reports.MayadinShellingEnglish);
        var airstrike = (await Reports.PostAsync(curator, Reports.AlbuKamalAirstrike)).EventId!.Value;

        // A key without the moderator role is refused with a problem, and nothing is recorded.
        var refused = await curator.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await curator.PostAsJsonAsync($"/api/events/{airstrike}/reject", new { reason = "no" })).StatusCode);
        Assert.Empty((await ops.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!);
        Assert.Equal("pending", (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!.Status);

        // Two moderators claim at the same moment: exactly one gets the event.
        var claims = await Task.WhenAll(
            ops.PostAsync(new Uri($"/api/events/{shelling}/claim", UriKind.Relative), null),
            omar.PostAsync(new Uri($"/api/events/{shelling}/claim", UriKind.Relative), null));
        Assert.Single(claims, c => c.StatusCode == HttpStatusCode.OK);
        Assert.Single(claims, c => c.StatusCode == HttpStatusCode.Conflict);
        var holder = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!.ClaimedBy!;
        var (owner, other) = holder == "api:ops" ? (ops, omar) : (omar, ops);
        var blocked = await other.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains($"claimed by {holder}", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The claim holder edits, then confirms; the other moderator retracts.
        var edited = await AlertBotApp.ReadAsync<EventDto>(await owner.PatchAsJsonAsync($"/api/events/{shelling}", new
        {
            counts = new Dictionary<string, int> { ["shells"] = 6 },
            actors = new[] { "syrian_government" },
            noteAr = "قذائف على الأحياء السكنية",
            noteEn = "Shells on residential areas",
        }));
        Assert.Equal(6, edited.Counts["shells"]);
        Assert.Equal(["syrian_government"], edited.Actors);
        Assert.Equal("Shells on residential areas", edited.NoteEn);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PatchAsJsonAsync($"/api/events/{shelling}", new { placeIds = new[] { "NOWHERE-1" } })).StatusCode);
        var confirmed = await AlertBotApp.ReadAsync<EventDto>(await owner.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null));
        Assert.Equal("confirmed", confirmed.Status);
        Assert.Equal(holder, confirmed.DecidedBy);
        Assert.Null(confirmed.ClaimedBy);
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsJsonAsync($"/api/events/{shelling}/retract", new { reason = " " })).StatusCode);
        var retracted = await AlertBotApp.ReadAsync<EventDto>(await other.PostAsJsonAsync($"/api/events/{shelling}/retract", new { reason = "The outlet withdrew its report" }));
        Assert.Equal("retracted", retracted.Status);

        // A rejected event stays rejected: no confirmation, and a later report of it does not reopen it.
        Assert.Equal("rejected", (await AlertBotApp.ReadAsync<EventDto>(await ops.PostAsJsonAsync($"/api/events/{airstrike}/reject", new { reason = "Unverified rumour" }))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await omar.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null)).StatusCode);
        var later = await Reports.PostAsync(curator, new
        {
            source = "Border Watch",
            text = "Warplanes struck militia positions near Albu Kamal this morning, an airstrike on the border area.",
            language = "en",
            publishedAt = Reports.Morning.AddHours(5),
        });
        Assert.Equal(airstrike, later.EventId);
        var rejected = (await ops.GetFromJsonAsync<List<EventDto>>("/api/events?status=rejected"))!;
        Assert.Equal(2, Assert.Single(rejected).Sources.Count);
        Assert.Empty((await ops.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!);

        // Every action is in the audit log, with who, what, and the event before and after.
        var audit = (await ops.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!;
        Assert.Equal(["claim", "edit", "confirm", "retract", "reject"], audit.AsEnumerable().Reverse().Select(a => a.Action));
        var confirm = audit.Single(a => a.Action == "confirm");
        Assert.Equal(holder, confirm.Actor);
        Assert.Equal("Pending", confirm.Before!.Status);
        Assert.Equal("Confirmed", confirm.After!.Status);
        var edit = audit.Single(a => a.Action == "edit");
        Assert.DoesNotContain("syrian_government", edit.Before!.ActorIds);
        Assert.Contains("syrian_government", edit.After!.ActorIds);
        Assert.Equal("The outlet withdrew its report", audit.Single(a => a.Action == "retract").Detail);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_moderator_types_need_two_confirmations_and_trusted_outlets_auto_confirm_the_rest(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>(SecondModerator)
        {
            ["Moderation:TwoModeratorTypes"] = "airstrike",
            ["Moderation:AutoConfirm:Enabled"] = "true",
            ["Moderation:AutoConfirm:MinOutlets"] = "2",
            ["Moderation:AutoConfirm:MaxTier"] = "1",
            ["Moderation:OutletTiers:Deir Press"] = "1",
            ["Moderation:OutletTiers:Euphrates Monitor"] = "1",
            ["Moderation:OutletTiers:Border Watch"] = "1",
        });
        using var curator = app.ApiClient(AlertBotApp.CuratorKey);
        using var ops = app.ApiClient();
        using var omar = app.ApiClient(SecondModeratorKey);

        // Two trusted outlets on the shelling: confirmed by the policy, and the audit log says so.
        var shelling = (await Reports.PostAsync(curator, Reports.MayadinShellingArabic)).EventId!.Value;
        Assert.Equal("pending", (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!.Status);
        await Reports.PostAsync(curator, Reports.MayadinShellingEnglish);
        var auto = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!;
        Assert.Equal("confirmed", auto.Status);
        Assert.Equal("system:auto-confirm", auto.DecidedBy);

        // The airstrike is a two-moderator type: two trusted outlets do not confirm it, nor does one moderator (even twice).
        var airstrike = (await Reports.PostAsync(curator, Reports.AlbuKamalAirstrike)).EventId!.Value;
        await Reports.PostAsync(curator, new
        {
            source = "Border Watch",
            text = "Warplanes struck militia positions near Albu Kamal this morning, an airstrike on the border area.",
            language = "en",
            publishedAt = Reports.Morning.AddHours(5),
        });
        Assert.Equal("pending", (await ops.GetFromJsonAsync<EventDto>($"/api/events/{airstrike}"))!.Status);
        var first = await ops.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var half = await first.Content.ReadFromJsonAsync<EventDto>();
        Assert.Equal("pending", half!.Status);
        Assert.Equal(["api:ops"], half.Confirmations);
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null)).StatusCode);
        Assert.Empty((await ops.GetFromJsonAsync<List<EventDto>>("/api/events?status=confirmed&type=airstrike"))!);

        var second = await AlertBotApp.ReadAsync<EventDto>(await omar.PostAsync(new Uri($"/api/events/{airstrike}/confirm", UriKind.Relative), null));
        Assert.Equal("confirmed", second.Status);
        Assert.Equal(["api:ops", "api:omar"], second.Confirmations);

        var audit = (await ops.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!;
        Assert.Equal(["auto-confirm", "confirm", "confirm"], audit.AsEnumerable().Reverse().Select(a => a.Action));
        Assert.Equal("first of two confirmations", audit.Last(a => a.Action == "confirm").Detail);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_moderator_merges_two_events_into_one_and_splits_a_report_off_again(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var ops = app.ApiClient();
        var shelling = (await Reports.PostAsync(ops, Reports.MayadinShellingArabic)).EventId!.Value;
        var strike = await Reports.PostAsync(ops, Reports.AlbuKamalAirstrike);
        var airstrike = strike.EventId!.Value;

        var merged = await AlertBotApp.ReadAsync<EventDto>(await ops.PostAsJsonAsync($"/api/events/{airstrike}/merge", new { into = shelling }));
        Assert.Equal(shelling, merged.Id);
        Assert.Equal(2, merged.Sources.Count);
        Assert.Contains("airstrike", merged.EventTypes);
        var gone = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{airstrike}"))!;
        Assert.Equal("merged", gone.Status);
        Assert.Equal(shelling, gone.MergedIntoId);
        Assert.Empty(gone.Sources);
        Assert.Single((await ops.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!);

        var split = await AlertBotApp.ReadAsync<EventDto>(await ops.PostAsJsonAsync($"/api/events/{shelling}/split", new { reportIds = new[] { strike.Id } }));
        Assert.NotEqual(shelling, split.Id);
        Assert.Equal([strike.Id], split.Sources.Select(s => s.ReportId));
        Assert.Equal(["airstrike"], split.EventTypes);
        var rest = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!;
        Assert.Single(rest.Sources);
        Assert.DoesNotContain("airstrike", rest.EventTypes);
        Assert.Equal(2, (await ops.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await ops.PostAsJsonAsync($"/api/events/{split.Id}/split", new { reportIds = new[] { strike.Id } })).StatusCode);

        var actions = (await ops.GetFromJsonAsync<List<AuditDto>>("/api/audit"))!.Select(a => (a.Action, a.EventId)).ToList();
        Assert.Contains(("merge", (long?)airstrike), actions);
        Assert.Contains(("merge", (long?)shelling), actions);
        Assert.Contains(("split", (long?)split.Id), actions);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_claim_keeps_other_moderators_off_until_its_minutes_have_passed_on_the_bot_clock(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = new AlertBotApp(database, SecondModerator, clock);
        using var ops = app.ApiClient();
        using var omar = app.ApiClient(SecondModeratorKey);
        var shelling = (await Reports.PostAsync(ops, Reports.MayadinShellingArabic)).EventId!.Value;

        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsync(new Uri($"/api/events/{shelling}/claim", UriKind.Relative), null)).StatusCode);
        var claimed = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!;
        Assert.Equal("api:ops", claimed.ClaimedBy);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(5), claimed.ClaimedUntil);

        // One second before the five minutes are up the claim still holds: no claim, no decision for the other moderator.
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var early = await omar.PostAsync(new Uri($"/api/events/{shelling}/claim", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("claimed by api:ops", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await omar.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null)).StatusCode);
        Assert.Equal("pending", (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!.Status);

        // Once they are up the claim has lapsed: the other moderator takes it, and now the first is kept off.
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await omar.PostAsync(new Uri($"/api/events/{shelling}/claim", UriKind.Relative), null)).StatusCode);
        var taken = (await ops.GetFromJsonAsync<EventDto>($"/api/events/{shelling}"))!;
        Assert.Equal("api:omar", taken.ClaimedBy);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(5), taken.ClaimedUntil);
        var refused = await ops.PostAsync(new Uri($"/api/events/{shelling}/confirm", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("claimed by api:omar", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
