using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

public sealed class AlertRendererTests
{
    private static readonly Gazetteer Places = Gazetteer.LoadDefault();
    private static readonly AlertRenderer Renderer = new(Places);
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static AlertView Shelling(AlertState state = AlertState.Confirmed, string headline = "Regime artillery shells al-Mayadin") => new(
        42,
        state,
        ["shelling"],
        ["ES037"],
        ["syrian_government"],
        new Dictionary<string, int> { ["rockets"] = 2, ["killed"] = 3 },
        Now.AddHours(-2),
        2,
        [new SourceLink("Outlet A", new Uri("https://example.org/a?x=1&y=2"), headline, "en")]);

    [Fact]
    public void English_alert_names_type_place_with_its_district_actors_counts_and_both_times()
    {
        var text = string.Join('\n', PlatformMarkup.Plain.Write(Renderer.Render(Shelling(), ChatLanguage.En, Damascus, Now)));

        Assert.Contains("Shelling — al-Mayadin (Mayadin District)", text, StringComparison.Ordinal);
        Assert.Contains("Actors: Syrian government forces", text, StringComparison.Ordinal);
        Assert.Contains("Counts: 2 rockets, 3 killed", text, StringComparison.Ordinal);
        Assert.Contains("When: 2 hours ago (2026-11-23 13:00, Damascus time)", text, StringComparison.Ordinal);
        Assert.Contains("Independent sources: 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("قصف", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Arabic_alert_uses_Arabic_names_number_agreement_and_right_to_left_lines()
    {
        var lines = PlatformMarkup.Plain.Write(Renderer.Render(Shelling(), ChatLanguage.Ar, Damascus, Now)).Single().Split('\n');

        Assert.Contains(lines, l => l.Contains("قصف مدفعي", StringComparison.Ordinal) && l.Contains("الميادين", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("صاروخان", StringComparison.Ordinal) && l.Contains("ثلاثة قتلى", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("منذ ساعتين", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith("🔗", StringComparison.Ordinal)), l => Assert.Equal('\u200F', l[0]));
    }

    [Fact]
    public void Notices_name_the_event_as_it_is_now_in_the_chats_languages_right_to_left_first()
    {
        var both = PlatformMarkup.Plain.Write(Renderer.RenderNotice(NoticeKind.Retracted, ["shelling"], ["ES037"], ChatLanguage.Both)).Single().Split('\n');
        Assert.Equal(2, both.Length);
        Assert.Equal('\u200F', both[0][0]);
        Assert.Contains("⚠️ سُحب التنبيه: سحب المشرفون التنبيه عن «قصف مدفعي — الميادين (منطقة الميادين)»", both[0], StringComparison.Ordinal);
        Assert.Equal("⚠️ Retracted: moderators withdrew the alert about \"Shelling — al-Mayadin (Mayadin District)\"; it turned out to be wrong.", both[1]);

        var corrected = PlatformMarkup.Plain.Write(Renderer.RenderNotice(NoticeKind.Corrected, ["drone_attack"], ["ES037", "ES019"], ChatLanguage.En)).Single();
        Assert.StartsWith("✏️ Corrected: moderators corrected the alert; it now reads: ", corrected, StringComparison.Ordinal);
        Assert.Contains("al-Mayadin (Mayadin District), al-Salihiyah", corrected, StringComparison.Ordinal);
        Assert.DoesNotContain("صحّح", corrected, StringComparison.Ordinal);

        var arabic = PlatformMarkup.Plain.Write(Renderer.RenderNotice(NoticeKind.Corrected, ["shelling"], ["ES037"], ChatLanguage.Ar)).Single();
        Assert.Contains("✏️ تصحيح: صحّح المشرفون التنبيه، وصار: قصف مدفعي — الميادين", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("Corrected", arabic, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rockets", 1, "صاروخ واحد")]
    [InlineData("rockets", 2, "صاروخان")]
    [InlineData("rockets", 7, "سبعة صواريخ")]
    [InlineData("rockets", 12, "12 صاروخًا")]
    [InlineData("rockets", 100, "100 صاروخ")]
    [InlineData("rockets", 103, "103 صواريخ")]
    [InlineData("rockets", 115, "115 صاروخًا")]
    [InlineData("strikes", 1, "غارة واحدة")]
    [InlineData("strikes", 3, "ثلاث غارات")]
    [InlineData("shells", 8, "ثماني قذائف")]
    [InlineData("shells", 2, "قذيفتان")]
    [InlineData("drones", 10, "عشر طائرات مسيّرة")]
    [InlineData("wounded", 4, "أربعة جرحى")]
    [InlineData("killed", 0, "لا قتلى")]
    public void Arabic_counts_agree_with_their_number(string key, int n, string expected) =>
        Assert.Equal(expected, AlertRenderer.ArabicCount(key, n));

    [Fact]
    public void Both_languages_put_Arabic_first_then_English()
    {
        var text = PlatformMarkup.Plain.Write(Renderer.Render(Shelling(), ChatLanguage.Both, Damascus, Now)).Single();
        Assert.True(text.IndexOf("قصف مدفعي", StringComparison.Ordinal) < text.IndexOf("Shelling", StringComparison.Ordinal));
    }

    [Fact]
    public void Governorate_only_event_is_marked_imprecise()
    {
        var alert = Shelling() with { PlaceIds = ["SY09"] };
        var text = PlatformMarkup.Plain.Write(Renderer.Render(alert, ChatLanguage.En, Damascus, Now)).Single();
        Assert.Contains("Location imprecise", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Retracted_alert_says_so_first()
    {
        var text = PlatformMarkup.Plain.Write(Renderer.Render(Shelling(AlertState.Retracted), ChatLanguage.En, Damascus, Now)).Single();
        Assert.StartsWith("⚠️ RETRACTED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_headline_is_inert_in_Telegram_HTML()
    {
        var alert = Shelling(headline: "<script>x</script> <b>@everyone</b> & \u202Eevil");
        var html = PlatformMarkup.TelegramHtml.Write(Renderer.Render(alert, ChatLanguage.En, Damascus, Now)).Single();

        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &lt;b&gt;@everyone&lt;/b&gt; &amp;", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/a?x=1&amp;y=2\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    public static TheoryData<string> Markups => new() { "telegram", "discord", "plain" };

    [Theory]
    [MemberData(nameof(Markups))]
    public void Direction_override_characters_in_event_text_are_removed_on_every_platform(string platform)
    {
        var markup = platform switch { "telegram" => PlatformMarkup.TelegramHtml, "discord" => PlatformMarkup.DiscordMarkdown, _ => PlatformMarkup.Plain };
        var alert = Shelling(headline: "report\u202Eexe.live\u202C \u2067عاجل\u2069 <i>@everyone</i>") with { NoteEn = "note \u202Dx\u202A", NoteAr = "ملاحظة \u2066y\u2069" };

        var text = string.Concat(markup.Write(Renderer.Render(alert, ChatLanguage.Both, Damascus, Now)));

        // No embedding, override or foreign isolate survives. Left-to-right lines carry no control at all; in the
        // Arabic lines the only isolates are the bot's own, each around one Latin or number run.
        Assert.DoesNotContain(text, c => c is >= '\u202A' and <= '\u202E' or '\u2067' or '\u2068');
        Assert.All(text.Split('\n').Where(l => !l.StartsWith('\u200F')), l => Assert.DoesNotContain(l, c => c is >= '\u2066' and <= '\u2069'));
        BidiAssert.EveryLatinRunIsolated(platform == "telegram" ? BidiAssert.VisibleHtml(text) : text);
        Assert.Contains("reportexe.live", text, StringComparison.Ordinal);
        Assert.Contains("note x", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_headline_is_inert_in_Discord_markdown()
    {
        var alert = Shelling(headline: "**bold** @everyone [click](https://evil.example) `code`");
        var md = PlatformMarkup.DiscordMarkdown.Write(Renderer.Render(alert, ChatLanguage.En, Damascus, Now)).Single();

        Assert.Contains("\\*\\*bold\\*\\* @\u200Beveryone \\[click\\]\\(https\\://evil.example\\) \\`code\\`", md, StringComparison.Ordinal);
        Assert.Contains("](<https://example.org/a?x=1&y=2>)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_messages_split_between_lines_within_the_platform_limit()
    {
        var lines = Enumerable.Range(0, 400).Select(i => new RichLine([new Segment($"line {i} "), new Segment("😀 & <bold>", Bold: true)])).ToList();
        var messages = PlatformMarkup.TelegramHtml.Write(new RichText(lines));

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Length <= 4096));
        Assert.All(messages, m => Assert.Equal(m.Split("<b>").Length, m.Split("</b>").Length));
        Assert.Equal(400, messages.Sum(m => m.Split('\n').Length));
    }

    [Fact]
    public void An_overlong_line_is_never_cut_inside_a_surrogate_pair()
    {
        var line = new RichLine([new Segment(string.Concat(Enumerable.Repeat("😀", 3000)))]);
        var messages = PlatformMarkup.DiscordMarkdown.Write(new RichText([line]));

        Assert.All(messages, m => Assert.True(m.Length <= 2000 && !char.IsHighSurrogate(m[^1]) && !char.IsLowSurrogate(m[0])));
        Assert.Equal(6000, messages.Sum(m => m.Length));
    }
}
