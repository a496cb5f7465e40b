using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AlertBot.Core.Delivery;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Delivery;

/// <summary>The console's Subscribers and Deliveries pages, over rows written straight into the database.</summary>
public sealed partial class DeliveryConsoleTests
{
    private const string Hostile = "<script>alert('owned')</script>";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscribers_page_counts_chats_by_state_and_subscriptions_by_place_actor_type_and_platform(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Console:Users:cora:PasswordHash"] = PasswordHashes.Hash("cora's long console password"),
            ["Console:Users:cora:Roles"] = "curator",
        });
        await SeedAsync(app, db =>
        {
            var active = Chat("telegram", "1001");
            var paused = Chat("telegram", "1002", paused: true);
            var blocked = Chat("telegram", "1003", deactivated: "bot blocked by the user");
            var sandbox = Chat("sandbox", "ops");
            var gone = Chat("sandbox", "old", deactivated: "bot blocked by the user");
            var hostile = Chat("discord", Hostile, deactivated: Hostile, paused: true);
            db.Recipients.AddRange(active, paused, blocked, sandbox, gone, hostile);
            db.Subscriptions.AddRange(
                Sub(active, place: "ES037"),
                Sub(paused, place: "ES037", mode: DeliveryMode.DigestOnly),
                Sub(sandbox, place: "SY0902", type: "drone_attack"),
                Sub(active, actor: "iran_backed_militias"),
                Sub(blocked, actor: "iran_backed_militias", type: "airstrike"),
                Sub(sandbox, actor: "us_forces"),
                Sub(hostile, place: "XX999"));
        });

        using var mona = await app.ConsoleClientAsync();
        var html = await mona.GetStringAsync(new Uri("/subscribers", UriKind.Relative));

        // Totals: active, paused and deactivated split the six chats (a deactivated chat that paused counts as deactivated).
        Assert.Equal("6", Figure(html, "total-recipients"));
        Assert.Equal("2", Figure(html, "total-active"));
        Assert.Equal("1", Figure(html, "total-paused"));
        Assert.Equal("3", Figure(html, "total-deactivated"));
        Assert.Equal("7", Figure(html, "total-subscriptions"));
        Assert.Equal("telegram 3 1 1 1", RowText(html, "<tr id=\"recipients-telegram\">"));
        Assert.Equal("sandbox 2 1 0 1", RowText(html, "<tr id=\"recipients-sandbox\">"));
        Assert.Equal("bot blocked by the user 2", RowText(html, ">bot blocked by the user<"));

        // By place: English and Arabic names and the kind; an id the gazetteer lacks is shown as it is.
        Assert.Equal("al-Mayadin ES037 الميادين city 2 1", RowText(html, ">ES037<"));
        Assert.Equal("Abu Kamal District SY0902 البوكمال district 1 0", RowText(html, ">SY0902<"));
        Assert.Equal("XX999 not in the gazetteer 1 0", RowText(html, ">XX999<"));
        Assert.Equal("any place 3 0", RowText(html, ">any place<"));
        Assert.Matches("<bdi dir=\"auto\" lang=\"ar\">الميادين</bdi>", html);

        // By actor, type and platform.
        Assert.Equal("Iran-backed militias الميليشيات المدعومة من إيران 2 0", RowText(html, ">Iran-backed militias<"));
        Assert.Equal("US forces القوات الأمريكية 1 0", RowText(html, ">US forces<"));
        Assert.Equal("any actor 4 1", RowText(html, ">any actor<"));
        Assert.Equal("Drone attack هجوم بطائرة مسيّرة 1 0", RowText(html, ">Drone attack<"));
        Assert.Equal("Airstrike غارة جوية 1 0", RowText(html, ">Airstrike<"));
        Assert.Equal("any type 5 1", RowText(html, ">any type<"));
        Assert.Equal("telegram 4 2 1", RowText(html, "<tr id=\"subscriptions-telegram\">"));
        Assert.Equal("sandbox 2 2 0", RowText(html, "<tr id=\"subscriptions-sandbox\">"));
        Assert.Equal("discord 1 0 0", RowText(html, "<tr id=\"subscriptions-discord\">"));

        // A hostile reason is text; the menu links both pages.
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/subscribers\" class=\"current\">Subscribers</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/deliveries\">Deliveries</a>", html, StringComparison.Ordinal);

        // A console user without the moderator role reads the page too; a visitor who has not signed in is sent to log in.
        using var cora = await app.ConsoleClientAsync("cora", "cora's long console password");
        Assert.Contains("al-Mayadin", await cora.GetStringAsync(new Uri("/subscribers", UriKind.Relative)), StringComparison.Ordinal);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/subscribers", "/Subscribers", "/deliveries", "/Deliveries?state=dead" })
        {
            var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscribers_page_on_an_empty_database_says_so(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var mona = await app.ConsoleClientAsync();
        var html = await mona.GetStringAsync(new Uri("/subscribers", UriKind.Relative));
        Assert.Equal("0", Figure(html, "total-recipients"));
        Assert.Equal("0", Figure(html, "total-subscriptions"));
        Assert.Contains("No chat has talked to the bot yet.", html, StringComparison.Ordinal);
        var deliveries = await mona.GetStringAsync(new Uri("/deliveries", UriKind.Relative));
        Assert.Equal("0", Figure(deliveries, "count-pending"));
        Assert.Contains("Nothing here.", deliveries, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deliveries_page_shows_what_went_to_whom_and_why_the_rest_did_not_with_filters(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        var ids = new Dictionary<string, OutboxItem>();
        await SeedAsync(app, db =>
        {
            var telegram = Chat("telegram", "100");
            var sandbox = Chat("sandbox", "chat-1");
            var hostile = Chat("telegram", Hostile);
            db.Recipients.AddRange(telegram, sandbox, hostile);
            ids["sent"] = Item(telegram, 11, OutboxState.Sent, sentAt: Start.AddMinutes(1));
            ids["dead"] = Item(sandbox, 11, OutboxState.Dead, error: "Forbidden: bot was blocked by the user");
            ids["held"] = Item(telegram, 12, OutboxState.Pending, due: DateTimeOffset.UtcNow.AddDays(30));
            ids["retry"] = Item(sandbox, 12, OutboxState.Pending, due: DateTimeOffset.UtcNow.AddDays(30), error: "429 Too Many Requests", attempts: 2);
            ids["cancelled"] = Item(sandbox, 12, OutboxState.Cancelled, kind: OutboxKinds.Update, error: "event retracted before delivery");
            ids["hostile"] = Item(hostile, 12, OutboxState.Dead, error: "<img src=x onerror=alert(1)> " + Hostile);
            db.Outbox.AddRange(ids.Values);
        });

        using var mona = await app.ConsoleClientAsync();
        var html = await mona.GetStringAsync(new Uri("/deliveries", UriKind.Relative));

        // Counts per state on top; every row newest first, with its event linked and the reason it did not go.
        Assert.Equal("2", Figure(html, "count-pending"));
        Assert.Equal("1", Figure(html, "count-sent"));
        Assert.Equal("2", Figure(html, "count-dead"));
        Assert.Equal("1", Figure(html, "count-cancelled"));
        Assert.Contains("0 due now, 2 held", html, StringComparison.Ordinal);
        Assert.Equal(
            [ids["hostile"].Id, ids["cancelled"].Id, ids["retry"].Id, ids["held"].Id, ids["dead"].Id, ids["sent"].Id],
            RowIds(html));
        Assert.Equal("#11 telegram:100 alert sent 1 2026-11-20 08:00:00 UTC 2026-11-20 08:00:00 UTC 2026-11-20 08:01:00 UTC", RowText(html, $"<tr id=\"delivery-{ids["sent"].Id}\""));
        Assert.Equal("#11 sandbox:chat-1 alert dead 1 2026-11-20 08:00:00 UTC 2026-11-20 08:00:00 UTC — Forbidden: bot was blocked by the user", RowText(html, $"<tr id=\"delivery-{ids["dead"].Id}\""));
        Assert.Contains("href=\"/events/11\">#11</a>", html, StringComparison.Ordinal);
        Assert.Matches("held until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; last attempt: 429 Too Many Requests", RowText(html, $"<tr id=\"delivery-{ids["retry"].Id}\""));
        Assert.EndsWith("held until " + ConsoleTime(ids["held"].DueAt), RowText(html, $"<tr id=\"delivery-{ids["held"].Id}\""), StringComparison.Ordinal);
        Assert.Contains("update cancelled", RowText(html, $"<tr id=\"delivery-{ids["cancelled"].Id}\""), StringComparison.Ordinal);
        Assert.EndsWith("event retracted before delivery", RowText(html, $"<tr id=\"delivery-{ids["cancelled"].Id}\""), StringComparison.Ordinal);

        // Hostile chat ids and reasons are text.
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("telegram:&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);

        // Filter by state: only the dead-lettered rows.
        var dead = await mona.GetStringAsync(new Uri("/deliveries?state=dead", UriKind.Relative));
        Assert.Equal([ids["hostile"].Id, ids["dead"].Id], RowIds(dead));
        Assert.Contains("<option value=\"dead\" selected=\"selected\">dead</option>", dead, StringComparison.Ordinal);

        // By event, by platform and chat (the hostile chat id too, as typed), and combined with a state; counts follow the filters.
        var event12 = await mona.GetStringAsync(new Uri("/deliveries?eventId=12", UriKind.Relative));
        Assert.Equal([ids["hostile"].Id, ids["cancelled"].Id, ids["retry"].Id, ids["held"].Id], RowIds(event12));
        Assert.Equal("0", Figure(event12, "count-sent"));
        Assert.Equal("1", Figure(event12, "count-dead"));
        var sandbox = await mona.GetStringAsync(new Uri("/deliveries?platform=sandbox&chat=chat-1", UriKind.Relative));
        Assert.Equal([ids["cancelled"].Id, ids["retry"].Id, ids["dead"].Id], RowIds(sandbox));
        var telegram = await mona.GetStringAsync(new Uri("/deliveries?platform=telegram", UriKind.Relative));
        Assert.Equal([ids["hostile"].Id, ids["held"].Id, ids["sent"].Id], RowIds(telegram));
        var hostileChat = await mona.GetStringAsync(new Uri("/deliveries?platform=telegram&chat=" + Uri.EscapeDataString(Hostile), UriKind.Relative));
        Assert.Equal([ids["hostile"].Id], RowIds(hostileChat));
        Assert.DoesNotContain("<script>", hostileChat, StringComparison.OrdinalIgnoreCase);
        var pendingSandbox = await mona.GetStringAsync(new Uri("/deliveries?state=pending&platform=sandbox&eventId=12", UriKind.Relative));
        Assert.Equal([ids["retry"].Id], RowIds(pendingSandbox));
        var nothing = await mona.GetStringAsync(new Uri("/deliveries?eventId=99", UriKind.Relative));
        Assert.Empty(RowIds(nothing));
        Assert.Contains("Nothing here.", nothing, StringComparison.Ordinal);

        // A recipient links to that chat's log.
        Assert.Contains("href=\"/deliveries?platform=sandbox&amp;chat=chat-1\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deliveries_page_pages_through_the_log_fifty_rows_at_a_time(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        await SeedAsync(app, db =>
        {
            var chat = Chat("telegram", "7");
            db.Recipients.Add(chat);
            for (var e = 1; e <= 120; e++)
            {
                db.Outbox.Add(Item(chat, e, e % 10 == 0 ? OutboxState.Dead : OutboxState.Sent, sentAt: Start.AddMinutes(e), error: e % 10 == 0 ? "gone" : null));
            }
        });

        using var mona = await app.ConsoleClientAsync();
        var first = await mona.GetStringAsync(new Uri("/deliveries", UriKind.Relative));
        Assert.Equal(Range(120, 71), EventIds(first));
        Assert.DoesNotContain("newer", first, StringComparison.Ordinal);
        var second = await mona.GetStringAsync(new Uri(OlderLink(first)!, UriKind.Relative));
        Assert.Equal(Range(70, 21), EventIds(second));
        var third = await mona.GetStringAsync(new Uri(OlderLink(second)!, UriKind.Relative));
        Assert.Equal(Range(20, 1), EventIds(third));
        Assert.Null(OlderLink(third));

        // Back up: from the third page to the second, and from the second to the first (fewer than a page above it).
        Assert.Equal(Range(70, 21), EventIds(await mona.GetStringAsync(new Uri(NewerLink(third)!, UriKind.Relative))));
        var back = await mona.GetStringAsync(new Uri(NewerLink(second)!, UriKind.Relative));
        Assert.Equal(Range(120, 71), EventIds(back));
        Assert.Null(NewerLink(back));

        // Paging keeps the filters: twelve dead rows, one page.
        var dead = await mona.GetStringAsync(new Uri("/deliveries?state=dead", UriKind.Relative));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)(130 - (i * 10))).ToList(), EventIds(dead));
        Assert.Null(OlderLink(dead));
        Assert.StartsWith("/deliveries?state=all&before=", OlderLink(first), StringComparison.Ordinal);
        var telegram = await mona.GetStringAsync(new Uri("/deliveries?platform=telegram&chat=7", UriKind.Relative));
        Assert.Equal(Range(120, 71), EventIds(telegram));
        Assert.Equal("/deliveries?state=all&platform=telegram&chat=7&before=" + RowIds(telegram)[^1].ToString(CultureInfo.InvariantCulture), OlderLink(telegram));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Subscribers_page_aggregates_a_million_subscriptions_in_the_database(string provider)
    {
        const int Chats = 10_000;
        const int PerChat = 100;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);

        // 10,000 chats, a quarter on the sandbox, one in ten paused; chat n % 10,000 gets one subscription for each of
        // 10 places (ES030 … ES039) by 10 types (7, and 3 times "any"), every other one digest-only. Written by SQL: a
        // million entities through EF would take minutes.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var sqlite = provider == "Sqlite";
            var chats = sqlite
                ? $"WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {Chats - 1}) SELECT n FROM seq"
                : $"SELECT n FROM generate_series(0, {Chats - 1}) AS n";
            var subscriptions = sqlite
                ? $"WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {(Chats * PerChat) - 1}) SELECT n FROM seq"
                : $"SELECT n FROM generate_series(0, {(Chats * PerChat) - 1}) AS n";
            var (now, yes, no) = sqlite ? ("0", "1", "0") : ("now()", "TRUE", "FALSE");
            var types = "CASE (n / 100000) WHEN 0 THEN 'shelling' WHEN 1 THEN 'rocket_attack' WHEN 2 THEN 'drone_attack' WHEN 3 THEN 'airstrike' "
                + "WHEN 4 THEN 'evacuation' WHEN 5 THEN 'reinforcement' WHEN 6 THEN 'clash' END";
            // Only constants go into this SQL.
            var insertChats = $"""
                INSERT INTO "Recipients" ("Platform", "ChatId", "Language", "CreatedAt", "QuietMode", "Paused")
                SELECT CASE WHEN n % 4 = 0 THEN 'sandbox' ELSE 'telegram' END, CAST(n AS TEXT), 'Both', {now}, 'Hold',
                       CASE WHEN n % 10 = 1 THEN {yes} ELSE {no} END
                FROM ({chats}) AS chats
                """;
            var insertSubscriptions = $"""
                INSERT INTO "Subscriptions" ("RecipientId", "PlaceId", "ActorId", "EventType", "Mode", "CreatedAt")
                SELECT (SELECT MIN("Id") FROM "Recipients") + n % {Chats}, 'ES03' || ((n / {Chats}) % 10), NULL, {types},
                       CASE WHEN n % 2 = 0 THEN 'Instant' ELSE 'DigestOnly' END, {now}
                FROM ({subscriptions}) AS subscriptions
                """;
            Assert.Equal(Chats, await db.Database.ExecuteSqlRawAsync(insertChats));
            Assert.Equal(Chats * PerChat, await db.Database.ExecuteSqlRawAsync(insertSubscriptions));
        }

        using var mona = await app.ConsoleClientAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var html = await mona.GetStringAsync(new Uri("/subscribers", UriKind.Relative));
        watch.Stop();
        Assert.Equal("1000000", Figure(html, "total-subscriptions"));
        Assert.Equal("10000", Figure(html, "total-recipients"));
        Assert.Equal("1000", Figure(html, "total-paused"));
        Assert.Equal("al-Mayadin ES037 الميادين city 100000 50000", RowText(html, ">ES037<"));
        Assert.Equal("Shelling قصف مدفعي 100000 50000", RowText(html, ">Shelling<"));
        Assert.Equal("any type 300000 150000", RowText(html, ">any type<"));
        Assert.Equal("any actor 1000000 500000", RowText(html, ">any actor<"));
        Assert.Equal("telegram 750000 650000 500000", RowText(html, "<tr id=\"subscriptions-telegram\">"));

        // The figures above come from GROUP BY; this bound is loose on purpose, for busy CI machines.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the page took {watch.Elapsed}");
    }

    private static async Task SeedAsync(AlertBotApp app, Action<AlertBotDb> seed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
        seed(db);
        await db.SaveChangesAsync();
    }

    private static Recipient Chat(string platform, string chatId, bool paused = false, string? deactivated = null) => new()
    {
        Platform = platform,
        ChatId = chatId,
        CreatedAt = Start,
        Paused = paused,
        DeactivatedAt = deactivated is null ? null : Start.AddHours(1),
        DeactivatedReason = deactivated,
    };

    private static Subscription Sub(Recipient recipient, string? place = null, string? actor = null, string? type = null, DeliveryMode mode = DeliveryMode.Instant) =>
        new() { Recipient = recipient, PlaceId = place, ActorId = actor, EventType = type, Mode = mode, CreatedAt = Start };

    private static OutboxItem Item(
        Recipient recipient, long eventId, OutboxState state, string kind = OutboxKinds.Alert,
        DateTimeOffset? due = null, DateTimeOffset? sentAt = null, string? error = null, int attempts = 1) => new()
        {
            Recipient = recipient,
            SubjectId = eventId,
            Kind = kind,
            State = state,
            CreatedAt = Start,
            DueAt = due ?? Start,
            Attempts = state == OutboxState.Pending && error is null ? 0 : attempts,
            SentAt = sentAt,
            LastError = error,
        };

    private static string ConsoleTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static List<long> Range(int from, int downTo) => Enumerable.Range(downTo, from - downTo + 1).Reverse().Select(i => (long)i).ToList();

    /// <summary>The figure of a card or count link, by its element id.</summary>
    private static string Figure(string html, string id) =>
        Regex.Match(html, $"id=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value.Trim();

    /// <summary>The text of the table row that contains <paramref name="marker"/>: tags dropped, whitespace collapsed.</summary>
    private static string RowText(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row with {marker}");
        var start = html.LastIndexOf("<tr", at + 3, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        var text = Tag().Replace(html[start..end], " ");
        return Space().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    private static List<long> RowIds(string html) =>
        DeliveryRowId().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static List<long> EventIds(string html) =>
        EventLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static string? OlderLink(string html) => Link(html, "next");

    private static string? NewerLink(string html) => Link(html, "prev");

    private static string? Link(string html, string rel)
    {
        var match = Regex.Match(html, $"<a rel=\"{rel}\" href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();

    [GeneratedRegex("<tr id=\"delivery-(\\d+)\"")]
    private static partial Regex DeliveryRowId();

    [GeneratedRegex("<td data-label=\"Event\"><a href=\"/events/(\\d+)\">")]
    private static partial Regex EventLink();
}
