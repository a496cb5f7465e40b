using AlertBot.Core.Conversation;
using AlertBot.Core.Digests;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

/// <summary>What a subscriber reads about who did what: actors with their roles, in Arabic and English.</summary>
public sealed class ActorRoleRenderingTests
{
    private static readonly Gazetteer Places = Gazetteer.LoadDefault();
    private static readonly AlertRenderer Renderer = new(Places);
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static AlertView Event(string type, string[] actors, Dictionary<string, string>? roles) => new(
        11,
        AlertState.Confirmed,
        [type],
        ["ES037"],
        actors,
        new Dictionary<string, int>(),
        Now.AddHours(-1),
        2,
        [new SourceLink("Deir Ezzor 24", new Uri("https://example.org/ar/11"), "استهداف قاعدة التحالف بطائرة مسيرة", "ar")],
        ActorRoles: roles);

    private static string Plain(AlertView alert, ChatLanguage language) =>
        string.Join('\n', PlatformMarkup.Plain.Write(Renderer.Render(alert, language, Damascus, Now)));

    [Fact]
    public void The_coalition_as_target_of_a_drone_attack_reads_as_target_with_the_attacker_unknown()
    {
        var alert = Event("drone_attack", ["coalition"], new() { ["coalition"] = ActorRoleIds.Target });

        var english = Plain(alert, ChatLanguage.En);
        Assert.Contains("Target: International coalition · Attacker: unknown", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Actors: International coalition", english, StringComparison.Ordinal);

        var arabic = Plain(alert, ChatLanguage.Ar);
        Assert.Contains("الهدف: التحالف الدولي · المهاجم: غير معروف", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("الأطراف: التحالف الدولي", arabic, StringComparison.Ordinal);
        BidiAssert.EveryLatinRunIsolated(arabic);
    }

    [Fact]
    public void A_named_attacker_and_target_are_shown_and_actors_without_a_role_stay_under_actors()
    {
        var alert = Event(
            "rocket_attack",
            ["iran_backed_militias", "us_forces", "sdf"],
            new() { ["iran_backed_militias"] = ActorRoleIds.Attacker, ["us_forces"] = ActorRoleIds.Target });

        var both = Plain(alert, ChatLanguage.Both);
        Assert.Contains("Target: US forces · Attacker: Iran-backed militias", both, StringComparison.Ordinal);
        Assert.Contains("Actors: Syrian Democratic Forces", both, StringComparison.Ordinal);
        Assert.Contains("الهدف: القوات الأمريكية · المهاجم: الميليشيات المدعومة من إيران", both, StringComparison.Ordinal);
        Assert.Contains("الأطراف: قوات سوريا الديمقراطية (قسد)", both, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown", both, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unidentified_attacker_is_said_unknown_in_each_language()
    {
        var alert = Event("rocket_attack", ["unknown", "us_forces"], new() { ["unknown"] = ActorRoleIds.Attacker, ["us_forces"] = ActorRoleIds.Target });

        Assert.Contains("Target: US forces · Attacker: unknown", Plain(alert, ChatLanguage.En), StringComparison.Ordinal);
        Assert.Contains("الهدف: القوات الأمريكية · المهاجم: غير معروف", Plain(alert, ChatLanguage.Ar), StringComparison.Ordinal);
    }

    [Fact]
    public void The_party_that_moves_is_named_as_moving_and_a_movement_has_no_attacker()
    {
        var alert = Event("reinforcement", ["coalition"], new() { ["coalition"] = ActorRoleIds.Moving });

        var english = Plain(alert, ChatLanguage.En);
        Assert.Contains("Moving: International coalition", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Attacker", english, StringComparison.Ordinal);

        var arabic = Plain(alert, ChatLanguage.Ar);
        Assert.Contains("الطرف المتحرّك: التحالف الدولي", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("المهاجم", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_known_role_the_actors_line_is_as_before()
    {
        var alert = Event("shelling", ["sdf", "syrian_government"], roles: null);

        var english = Plain(alert, ChatLanguage.En);
        Assert.Contains("Actors: Syrian Democratic Forces, Syrian government forces", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Attacker", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Target", english, StringComparison.Ordinal);
        Assert.Contains("الأطراف: قوات سوريا الديمقراطية (قسد)، قوات الحكومة السورية", Plain(alert, ChatLanguage.Ar), StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_item_gives_the_roles_in_each_language()
    {
        var day = new DigestPeriod(new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        var item = new DigestEvent(
            3, DigestChange.New, ["drone_attack"], ["ES037"], ["coalition", "sdf"], new Dictionary<string, int>(), day.To.AddHours(-2), 1,
            new Dictionary<string, string> { ["coalition"] = ActorRoleIds.Target });
        string Digest(ChatLanguage language) => string.Join("\n", new DigestBuilder(Places)
            .Build(new DigestRequest(day, DigestFilter.Everything, language, EmptyDigest.Nothing, Damascus), [item])
            .Write(PlatformMarkup.Plain, int.MaxValue));

        Assert.Contains("target: International coalition · attacker: unknown · actors: Syrian Democratic Forces", Digest(ChatLanguage.En), StringComparison.Ordinal);
        Assert.Contains("الهدف: التحالف الدولي · المهاجم: غير معروف · الأطراف: قوات سوريا الديمقراطية (قسد)", Digest(ChatLanguage.Ar), StringComparison.Ordinal);
    }

    [Fact]
    public void A_moderator_card_names_each_actors_role_in_both_languages()
    {
        var roles = new Dictionary<string, string> { ["coalition"] = ActorRoleIds.Target };
        Assert.Equal("International coalition · التحالف الدولي (Target · الهدف)", ActorRoleText.Bilingual("coalition", roles));
        Assert.Equal("Syrian Democratic Forces · قوات سوريا الديمقراطية (قسد)", ActorRoleText.Bilingual("sdf", roles));
    }
}
