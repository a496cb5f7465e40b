using AlertBot.Core.Events;
using AlertBot.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.Core.Tests;

/// <summary>When two reports are one incident, and when a report is the same report again.</summary>
public sealed class ClusteringTests
{
    private const string Mayadin = "ES037";
    private const string MayadinDistrict = "SY0903";
    private const string Governorate = "SY09";
    private const string OmarField = "ES036";

    private static readonly EventClustering Clustering = new(Gazetteer.LoadDefault());
    private static readonly ReportPlacement Placement = new(Clustering);
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly TimeSpan Window = TimeSpan.FromHours(4);

    /// <summary>Damascus time (UTC+3) on the given day of December 2025.</summary>
    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2025, 12, day, hour, minute, 0, TimeSpan.FromHours(3));

    private static Report ShellingReport(DateTimeOffset published, DateOnly? date, string place = Mayadin, Dictionary<string, int>? counts = null, string text = "shelling") => new()
    {
        Source = "Deir Press",
        ContentHash = Guid.NewGuid().ToString("N"),
        Text = text,
        Language = "en",
        SubmittedBy = "api:test",
        PublishedAt = published.ToUniversalTime(),
        ReceivedAt = published.ToUniversalTime().AddMinutes(5),
        Relevant = true,
        EventTypes = ["shelling"],
        PlaceIds = [place],
        Counts = counts ?? [],
        EventDate = date,
    };

    private static IncidentFeatures Features(Report r) =>
        new(r.EventTypes, r.PlaceIds, r.ActorIds, EventFields.IncidentDate(r), [], EventFields.Span(r, Window));

    private static PlacementCandidate Candidate(long id, EventStatus status, Report r) => new(id, status, Features(r), r.Counts);

    [Fact]
    public void The_morning_report_after_the_previous_evenings_confirmed_shelling_is_a_new_incident()
    {
        var evening = ShellingReport(Local(1, 19, 30), new DateOnly(2025, 12, 1));
        var morning = ShellingReport(Local(2, 9, 0), new DateOnly(2025, 12, 2));

        Assert.Null(Clustering.Score(Features(morning), Features(evening)));
        var placed = Placement.Place(morning, Features(morning), [Candidate(12, EventStatus.Confirmed, evening)]);
        Assert.Equal(PlacementRules.NewTime, placed.Rule);
        Assert.Null(placed.JoinEventId);
        Assert.Null(placed.LinkedEventId);
    }

    [Fact]
    public void Spans_never_cross_local_midnight_unless_a_report_speaks_of_the_other_day()
    {
        var lateEvening = ShellingReport(Local(1, 23, 30), null);
        var afterMidnight = ShellingReport(Local(2, 0, 30), null);
        Assert.Equal(TimeFit.Apart, EventFields.Span(afterMidnight, Window).FitWith(EventFields.Span(lateEvening, Window)));

        var lastNight = ShellingReport(Local(2, 8, 0), new DateOnly(2025, 12, 1));
        Assert.Equal(TimeFit.Within, EventFields.Span(lastNight, Window).FitWith(EventFields.Span(lateEvening, Window)));
        var placed = Placement.Place(lastNight, Features(lastNight), [Candidate(12, EventStatus.Pending, lateEvening)]);
        Assert.Equal((PlacementRules.JoinedPending, (long?)12), (placed.Rule, placed.JoinEventId));

        // Published at local midnight on the dot (an import's bare date): the whole day, so the day's reports fit it.
        var dateOnly = ShellingReport(Local(2, 0, 0), null);
        Assert.Equal(TimeFit.Within, EventFields.Span(ShellingReport(Local(2, 15, 0), null), Window).FitWith(EventFields.Span(dateOnly, Window)));
    }

    [Fact]
    public void Reports_within_the_window_join_a_pending_event_and_hours_apart_the_same_day_open_a_linked_one()
    {
        var first = ShellingReport(Local(2, 7, 0), null);
        var soon = ShellingReport(Local(2, 10, 0), null);
        var afternoon = ShellingReport(Local(2, 16, 0), null);

        Assert.Equal(12, Placement.Place(soon, Features(soon), [Candidate(12, EventStatus.Pending, first)]).JoinEventId);
        var later = Placement.Place(afternoon, Features(afternoon), [Candidate(12, EventStatus.Confirmed, first)]);
        Assert.Equal((PlacementRules.LinkedTime, null, (long?)12), (later.Rule, later.JoinEventId, later.LinkedEventId));
    }

    [Fact]
    public void A_true_repeat_joins_a_decided_event_but_news_or_a_retraction_open_a_linked_pending_event()
    {
        var confirmed = ShellingReport(Local(2, 7, 0), null, counts: new() { ["shells"] = 6 });
        var repeat = ShellingReport(Local(2, 8, 0), null, place: MayadinDistrict, counts: new() { ["shells"] = 6 });
        var killed = ShellingReport(Local(2, 8, 0), null, counts: new() { ["killed"] = 3 });
        var otherCount = ShellingReport(Local(2, 8, 0), null, counts: new() { ["shells"] = 9 });

        var joined = Placement.Place(repeat, Features(repeat), [Candidate(12, EventStatus.Confirmed, confirmed)]);
        Assert.Equal((PlacementRules.JoinedRepeat, (long?)12), (joined.Rule, joined.JoinEventId));
        Assert.Equal(PlacementRules.JoinedRepeat, Placement.Place(repeat, Features(repeat), [Candidate(12, EventStatus.Rejected, confirmed)]).Rule);

        var news = Placement.Place(killed, Features(killed), [Candidate(12, EventStatus.Confirmed, confirmed)]);
        Assert.Equal((PlacementRules.LinkedNews, null, (long?)12), (news.Rule, news.JoinEventId, news.LinkedEventId));
        Assert.Contains("count killed=3", news.Detail, StringComparison.Ordinal);
        Assert.Contains("count shells=9 (event: 6)", Placement.Place(otherCount, Features(otherCount), [Candidate(12, EventStatus.Confirmed, confirmed)]).Detail, StringComparison.Ordinal);

        var retracted = Placement.Place(repeat, Features(repeat), [Candidate(12, EventStatus.Retracted, confirmed)]);
        Assert.Equal((PlacementRules.LinkedRetracted, null, (long?)12), (retracted.Rule, retracted.JoinEventId, retracted.LinkedEventId));

        // A pending event of the same incident already waits for the moderators: the news joins it instead of opening a third.
        var third = Placement.Place(killed, Features(killed), [Candidate(12, EventStatus.Confirmed, confirmed), Candidate(13, EventStatus.Pending, killed)]);
        Assert.Equal((PlacementRules.JoinedPending, (long?)13), (third.Rule, third.JoinEventId));
    }

    [Fact]
    public void Moderator_identities_are_read_from_the_current_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Moderation:Moderators"] = "telegram:42, console:mona" }).Build();
        var services = new ServiceCollection();
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section));
        services.AddSingleton<ModeratorDirectory>();
        using var provider = services.BuildServiceProvider();
        var moderators = provider.GetRequiredService<ModeratorDirectory>();

        Assert.True(moderators.IsModerator(ModeratorDirectory.Telegram, "42"));
        Assert.True(moderators.IsModerator("console:mona"));
        Assert.False(moderators.IsModerator(ModeratorDirectory.Discord, "42"));
        Assert.False(moderators.IsModerator(ModeratorDirectory.Telegram, "43"));

        configuration["Moderation:Moderators"] = "discord:42";
        configuration.Reload();
        Assert.True(moderators.IsModerator(ModeratorDirectory.Discord, "42"));
        Assert.False(moderators.IsModerator(ModeratorDirectory.Telegram, "42"));
        Assert.False(moderators.IsModerator("console:mona"));
    }

    private static IncidentFeatures Incident(string type, string place, DateOnly day, params string[] actors) =>
        new([type], [place], actors, day, []);

    [Fact]
    public void Same_type_place_and_day_across_languages_is_one_incident()
    {
        var score = Clustering.Score(Incident("shelling", Mayadin, Day), Incident("shelling", Mayadin, Day));
        Assert.True(score >= EventClustering.JoinThreshold, $"score {score}");
    }

    [Fact]
    public void A_different_place_a_different_kind_or_two_days_apart_is_another_incident()
    {
        Assert.Null(Clustering.Score(Incident("shelling", Mayadin, Day), Incident("shelling", OmarField, Day)));
        Assert.Null(Clustering.Score(Incident("reinforcement", Mayadin, Day), Incident("shelling", Mayadin, Day)));
        Assert.Null(Clustering.Score(Incident("shelling", Mayadin, Day), Incident("shelling", Mayadin, Day.AddDays(2))));
    }

    [Fact]
    public void A_place_within_another_overlaps_and_the_wider_the_container_the_weaker_the_match()
    {
        var district = Clustering.PlaceOverlap([Mayadin], [MayadinDistrict]);
        var governorate = Clustering.PlaceOverlap([Governorate], [Mayadin]);
        Assert.NotNull(district);
        Assert.NotNull(governorate);
        Assert.True(district > governorate);
        Assert.True(Clustering.Score(Incident("shelling", Governorate, Day), Incident("shelling", Mayadin, Day)) >= EventClustering.JoinThreshold);
    }

    [Fact]
    public void Remote_attacks_outlets_confuse_join_only_at_the_very_same_place()
    {
        Assert.NotNull(Clustering.Score(Incident("drone_attack", OmarField, Day), Incident("airstrike", OmarField, Day)));
        Assert.Null(Clustering.Score(Incident("drone_attack", MayadinDistrict, Day), Incident("airstrike", OmarField, Day)));
    }

    [Fact]
    public void Opposed_actors_lower_the_score_and_shared_words_raise_it()
    {
        var plain = Clustering.Score(Incident("shelling", Mayadin, Day), Incident("shelling", Mayadin, Day))!.Value;
        var opposed = Clustering.Score(Incident("shelling", Mayadin, Day, "sdf"), Incident("shelling", Mayadin, Day, "isis"))!.Value;
        var words = Clustering.Score(
            new IncidentFeatures(["shelling"], [Mayadin], [], Day, [("en", "Artillery shelling hit al-Mayadin this morning")]),
            new IncidentFeatures(["shelling"], [Mayadin], [], Day, [("en", "Shelling hit al-Mayadin this morning, residents said")]))!.Value;
        Assert.True(opposed < plain);
        Assert.True(words > plain);
    }

    [Fact]
    public void Url_key_ignores_case_fragment_trailing_slash_and_tracking_parameters()
    {
        Assert.Equal(
            ReportFingerprint.UrlKey("https://deir.example/news/1?id=3"),
            ReportFingerprint.UrlKey("HTTPS://Deir.Example/news/1/?id=3&utm_source=x&fbclid=y#top"));
        Assert.NotEqual(ReportFingerprint.UrlKey("https://deir.example/news/1"), ReportFingerprint.UrlKey("https://deir.example/news/2"));
        Assert.Null(ReportFingerprint.UrlKey("javascript:alert(1)"));
    }

    [Fact]
    public void Content_hash_ignores_diacritics_letter_variants_spacing_and_punctuation_but_not_words()
    {
        var hash = ReportFingerprint.ContentHash("قصف مدفعي على مدينة الميادين.");
        Assert.Equal(hash, ReportFingerprint.ContentHash("  قصفٌ مدفعيّ على  مدينه الميادين!"));
        Assert.NotEqual(hash, ReportFingerprint.ContentHash("قصف مدفعي على مدينة البوكمال."));
    }
}
