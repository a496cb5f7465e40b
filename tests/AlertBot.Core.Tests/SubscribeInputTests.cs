using AlertBot.Core.Conversation;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

/// <summary>What users type after /subscribe, /quiet and /timezone.</summary>
public sealed class SubscribeInputTests
{
    private static readonly SubscriptionTargets Targets = new(Gazetteer.LoadDefault());

    [Theory]
    [InlineData("الميادين", "ES037")]
    [InlineData("ميادين", "ES037")]
    [InlineData("al-Mayadin", "ES037")]
    [InlineData("Mayadeen", "ES037")]
    [InlineData("دير الزور", "ES001")]
    [InlineData("Deir ez-Zor", "ES001")]
    [InlineData("محافظة دير الزور", "SY09")]
    [InlineData("Mayadin District", "SY0903")]
    [InlineData("قاعدة التنف", "ES086")]
    [InlineData("Conoco", "ES025")]
    public void A_typed_place_name_resolves_to_the_settlement_or_the_named_area(string typed, string placeId)
    {
        var resolution = Targets.Resolve(typed);

        Assert.Equal(placeId, resolution.Chosen?.PlaceId);
    }

    [Fact]
    public void An_ambiguous_name_offers_the_other_places_of_that_name()
    {
        var resolution = Targets.Resolve("الميادين");

        Assert.Equal("ES037", resolution.Chosen?.PlaceId);
        Assert.Contains("SY0903", resolution.Alternatives.Select(a => a.PlaceId));
        Assert.Equal("الميادين (مدينة، منطقة الميادين)", Targets.Describe(resolution.Chosen!).Ar);
    }

    [Theory]
    [InlineData("حزب الله", null, "hezbollah", null)]
    [InlineData("iran_backed_militias", null, "iran_backed_militias", null)]
    [InlineData("Drone attack", null, null, "drone_attack")]
    [InlineData("قصف مدفعي", null, null, "shelling")]
    public void Actors_and_event_types_resolve_by_name_or_id(string typed, string? place, string? actor, string? type)
    {
        var chosen = Targets.Resolve(typed).Chosen;

        Assert.Equal(new AlertBot.Core.Routing.SubscriptionTarget(place, actor, type), chosen);
    }

    [Theory]
    [InlineData("Mayadinz", "ES037")]
    [InlineData("Abu Kamak", "ES057")]
    [InlineData("الميادبن", "ES037")]
    public void A_misspelling_is_not_taken_but_its_near_misses_are_suggested(string typed, string suggested)
    {
        var resolution = Targets.Resolve(typed);

        Assert.Null(resolution.Chosen);
        Assert.Contains(suggested, resolution.Suggestions.Select(s => s.PlaceId));
    }

    [Theory]
    [InlineData("zzqqxx")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public void Nonsense_resolves_to_nothing(string typed) => Assert.Null(Targets.Resolve(typed).Chosen);

    [Theory]
    [InlineData("22:00-06:00", 22, 0, 6, 0, QuietMode.Hold)]
    [InlineData("23:30-7:15 silent", 23, 30, 7, 15, QuietMode.Silent)]
    [InlineData("01:00–05:00 HOLD", 1, 0, 5, 0, QuietMode.Hold)]
    [InlineData("٢٢:٠٠-٠٦:٠٠ صامت", 22, 0, 6, 0, QuietMode.Silent)]
    [InlineData("13:00-14:00", 13, 0, 14, 0, QuietMode.Hold)]
    [InlineData("22-6", 22, 0, 6, 0, QuietMode.Hold)]
    public void Quiet_windows_parse_in_local_time_and_may_span_midnight(string text, int fh, int fm, int uh, int um, QuietMode mode)
    {
        Assert.True(SettingsInput.TryParseQuiet(text, out var window));
        Assert.Equal(new QuietWindow(new TimeOnly(fh, fm), new TimeOnly(uh, um), mode), window);
        Assert.Equal(fh > uh, window.SpansMidnight);
    }

    [Theory]
    [InlineData("")]
    [InlineData("22:00")]
    [InlineData("24:00-06:00")]
    [InlineData("22:60-06:00")]
    [InlineData("06:00-06:00")]
    [InlineData("22:00-06:00 loud")]
    [InlineData("22:00-06:00 silent extra")]
    [InlineData("a-b")]
    [InlineData("22:00-06:00-07:00")]
    public void Bad_quiet_windows_are_refused(string text) => Assert.False(SettingsInput.TryParseQuiet(text, out _));

    [Theory]
    [InlineData("Asia/Damascus", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("Asia/ Damascus", false)]
    [InlineData("", false)]
    public void Time_zones_must_be_known_ids(string text, bool known) => Assert.Equal(known, SettingsInput.TryParseTimeZone(text, out _));
}
