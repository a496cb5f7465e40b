using AlertBot.Core.Digests;
using AlertBot.Core.Events;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Events;

/// <summary>The digest's query on each provider: which events a period and a filter load, and as what.</summary>
public sealed class DigestQueryTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(12);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Period_loads_events_confirmed_in_it_corrected_in_it_and_retracted_in_it_that_match_the_filter(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        var ids = await SeedAsync(app.Services.GetRequiredService<AlertBotDbFactory>());

        using var scope = app.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<DigestQueries>();
        var period = new DigestPeriod(From, To);

        // Mayadin District and the Iran-backed militias (a group: its members match).
        var filtered = await queries.LoadAsync(period, new DigestFilter(["SY0903"], ["iran_backed_militias"], []), CancellationToken.None);
        Assert.Equal(
            [(ids["mayadin-new"], DigestChange.New), (ids["ashara-corrected"], DigestChange.Corrected), (ids["quriyah-retracted"], DigestChange.Retracted)],
            filtered.Select(e => (e.EventId, e.Change)).OrderBy(x => x.EventId).ToList());
        var mayadin = filtered.Single(e => e.EventId == ids["mayadin-new"]);
        Assert.Equal(["ES037"], mayadin.PlaceIds);
        Assert.Equal(3, mayadin.IndependentSources);
        Assert.Equal(new Dictionary<string, int> { ["rockets"] = 4 }, mayadin.Counts);
        Assert.Equal(From.AddHours(-1), mayadin.OccurredAt);

        // No filter: everything of the period, none of what was decided outside it, pending or confirmed exactly at its end.
        var all = await queries.LoadAsync(period, DigestFilter.Everything, CancellationToken.None);
        Assert.Equal(
            new[] { "mayadin-new", "ashara-corrected", "quriyah-retracted", "albukamal-new", "mayadin-us" }.Select(k => ids[k]).Order(),
            all.Select(e => e.EventId).Order());

        // A type filter and a place below the district (al-Ashara's subdistrict).
        var drones = await queries.LoadAsync(period, new DigestFilter([], [], ["drone_attack"]), CancellationToken.None);
        Assert.Equal([ids["albukamal-new"]], drones.Select(e => e.EventId));
        var ashara = await queries.LoadAsync(period, new DigestFilter(["SY090302"], [], []), CancellationToken.None);
        Assert.Equal(new[] { ids["ashara-corrected"], ids["quriyah-retracted"] }.Order(), ashara.Select(e => e.EventId).Order());

        // What it loads builds a digest in both languages.
        var digest = app.Services.GetRequiredService<DigestBuilder>().Build(
            new DigestRequest(period, new DigestFilter(["SY0903"], ["iran_backed_militias"], []), ChatLanguage.En, EmptyDigest.Nothing, TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus")),
            filtered);
        var text = string.Join("\n", digest.Write(PlatformMarkup.Plain));
        Assert.Contains("▪️ Shelling · 13 hours ago (07:00)", text, StringComparison.Ordinal);
        Assert.Contains("✏️ Corrected since the last digest", text, StringComparison.Ordinal);
        Assert.Contains("❌ Retracted since the last digest", text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_pool_for_a_batch_of_periods_gives_each_digest_what_its_own_query_gives(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        await SeedAsync(app.Services.GetRequiredService<AlertBotDbFactory>());
        using var scope = app.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<DigestQueries>();

        // Periods of a batch: the morning, its halves, the day before, and one that ends where the edits are.
        DigestPeriod[] periods = [new(From, To), new(From, From.AddHours(6)), new(From.AddHours(6), To), new(From.AddHours(-24), From), new(From.AddHours(-3), From.AddHours(5))];
        DigestFilter[] filters = [DigestFilter.Everything, new(["SY0903"], ["iran_backed_militias"], []), new([], [], ["drone_attack"]), new(["SY090302"], [], [])];
        var pool = await queries.LoadPoolAsync(periods, prefilter: null, CancellationToken.None);

        Assert.Equal(6, pool.Count); // every event decided in the span [From − 24 h, To); not the pending, rejected or at-the-end ones
        foreach (var period in periods)
        {
            foreach (var filter in filters)
            {
                var own = await queries.LoadAsync(period, filter, CancellationToken.None);
                Assert.Equal(own.Select(e => (e.EventId, e.Change)), pool.For(period, filter).Select(e => (e.EventId, e.Change)));
            }
        }

        Assert.NotEmpty(pool.For(periods[3], DigestFilter.Everything)); // the day before has the two older airstrikes
    }

    private static async Task<Dictionary<string, long>> SeedAsync(AlertBotDbFactory factory)
    {
        await using var db = factory.Create();
        var events = new Dictionary<string, Event>
        {
            ["mayadin-new"] = Make(EventStatus.Confirmed, From.AddHours(2), "shelling", "ES037", "irgc", outlets: 3, counts: new() { ["rockets"] = 4 }),
            ["ashara-corrected"] = Make(EventStatus.Confirmed, From.AddHours(-20), "airstrike", "ES045", "hezbollah"),
            ["ashara-old"] = Make(EventStatus.Confirmed, From.AddHours(-20), "airstrike", "ES045", "hezbollah"),
            ["quriyah-retracted"] = Make(EventStatus.Retracted, From.AddHours(5), "clash", "ES043", "fatemiyoun"),
            ["albukamal-new"] = Make(EventStatus.Confirmed, From.AddHours(3), "drone_attack", "ES057", "irgc"),
            ["mayadin-us"] = Make(EventStatus.Confirmed, From.AddHours(4), "airstrike", "ES037", "us_forces"),
            ["mayadin-pending"] = Make(EventStatus.Pending, null, "shelling", "ES037", "irgc"),
            ["mayadin-at-end"] = Make(EventStatus.Confirmed, To, "shelling", "ES037", "irgc"),
            ["mayadin-rejected"] = Make(EventStatus.Rejected, From.AddHours(1), "shelling", "ES037", "irgc"),
        };
        db.Events.AddRange(events.Values);
        await db.SaveChangesAsync();

        // Moderators edited one older event in the period, and another one before it.
        db.AuditEntries.AddRange(
            new AuditEntry { At = From.AddHours(6), Actor = "console:mona", Action = ModerationActions.Edit, EventId = events["ashara-corrected"].Id },
            new AuditEntry { At = From.AddHours(-2), Actor = "console:mona", Action = ModerationActions.Edit, EventId = events["ashara-old"].Id },
            new AuditEntry { At = From.AddHours(7), Actor = "console:mona", Action = ModerationActions.Claim, EventId = events["ashara-old"].Id });
        await db.SaveChangesAsync();
        return events.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
    }

    private static Event Make(EventStatus status, DateTimeOffset? decidedAt, string type, string place, string actor, int outlets = 1, Dictionary<string, int>? counts = null)
    {
        var first = (decidedAt ?? From).AddHours(-3);
        return new Event
        {
            Status = status,
            EventTypes = [type],
            PlaceIds = [place],
            ActorIds = [actor],
            Counts = counts ?? [],
            EventDate = DateOnly.FromDateTime(first.UtcDateTime),
            CreatedAt = first,
            UpdatedAt = first,
            FirstReportAt = first,
            LastReportAt = first,
            SourceCount = outlets,
            OutletCount = outlets,
            DecidedAt = decidedAt,
            DecidedBy = decidedAt is null ? null : "console:mona",
        };
    }
}
