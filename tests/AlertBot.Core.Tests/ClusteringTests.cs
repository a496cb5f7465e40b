using AlertBot.Core.Events;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

/// <summary>When two reports are one incident, and when a report is the same report again.</summary>
public sealed class ClusteringTests
{
    private const string Mayadin = "ES037";
    private const string MayadinDistrict = "SY0903";
    private const string Governorate = "SY09";
    private const string OmarField = "ES036";

    private static readonly EventClustering Clustering = new(Gazetteer.LoadDefault());
    private static readonly DateOnly Day = new(2026, 11, 20);

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
