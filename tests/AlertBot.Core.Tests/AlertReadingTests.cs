using AlertBot.Core.Conversation;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

/// <summary>What a subscriber reads in an alert, in Arabic and English: direction, places, time, counts and status.</summary>
public sealed class AlertReadingTests
{
    private static readonly Gazetteer Places = Gazetteer.LoadDefault();
    private static readonly AlertRenderer Renderer = new(Places);
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static AlertView Attack(IReadOnlyDictionary<string, int>? counts = null, ModerationNote? moderation = null, string[]? places = null) => new(
        7,
        AlertState.Confirmed,
        ["shelling"],
        places ?? ["ES037"],
        ["sdf", "syrian_government"],
        counts ?? new Dictionary<string, int> { ["shells"] = 8, ["killed"] = 3 },
        Now.AddHours(-2),
        3,
        [
            new SourceLink("Deir Ezzor 24", new Uri("https://example.org/ar/1"), "قصف على الميادين بـ 8 قذائف (SDF)", "ar"),
            new SourceLink("Outlet B", new Uri("https://example.org/en/2"), "Shelling on al-Mayadin", "en"),
        ],
        NoteAr: "أكدت مصادر محلية عبر Telegram وقوع 8 إصابات",
        NoteEn: "Local sources on Telegram report 8 injured",
        Moderation: moderation);

    private static string Plain(AlertView alert, ChatLanguage language, TimeZoneInfo? zone = null) =>
        string.Join('\n', PlatformMarkup.Plain.Write(Renderer.Render(alert, language, zone ?? Damascus, Now)));

    [Fact]
    public void Every_Latin_and_number_run_in_an_Arabic_alert_line_is_isolated()
    {
        var text = Plain(Attack(), ChatLanguage.Ar);

        BidiAssert.EveryLatinRunIsolated(text);
        Assert.Contains("\u20662026-11-23 13:00\u2069 بتوقيت دمشق", text, StringComparison.Ordinal);
        Assert.Contains("\u2066Deir Ezzor 24\u2069: قصف على الميادين", text, StringComparison.Ordinal);
        Assert.Contains("(\u2066https://example.org/ar/1\u2069)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("discord")]
    public void Isolates_survive_each_platforms_escaping(string platform)
    {
        var markup = platform == "telegram" ? PlatformMarkup.TelegramHtml : PlatformMarkup.DiscordMarkdown;
        var text = string.Concat(markup.Write(Renderer.Render(Attack(), ChatLanguage.Ar, Damascus, Now)));

        Assert.Contains("\u2066Telegram\u2069", text, StringComparison.Ordinal);
        Assert.Contains(platform == "telegram" ? "\u20662026-11-23 13:00\u2069" : "\u20662026\\-11\\-23 13\\:00\u2069", text, StringComparison.Ordinal);
    }

    [Fact]
    public void English_lines_carry_no_direction_controls()
    {
        var english = Plain(Attack(), ChatLanguage.En).Split('\n').Where(l => !l.StartsWith('\u200F'));
        Assert.All(english.Where(l => !l.StartsWith("🔗 Deir", StringComparison.Ordinal)), l => Assert.DoesNotContain(l, c => c is >= '\u2066' and <= '\u2069'));
    }

    [Fact]
    public void Place_line_names_the_parent_as_an_area_in_each_language()
    {
        Assert.Contains("قصف مدفعي — الميادين (منطقة الميادين)", Plain(Attack(), ChatLanguage.Ar), StringComparison.Ordinal);
        Assert.Contains("Shelling — al-Mayadin (Mayadin District)", Plain(Attack(), ChatLanguage.En), StringComparison.Ordinal);

        var district = Attack(places: ["SY0903"]);
        Assert.Contains("— منطقة الميادين", Plain(district, ChatLanguage.Ar), StringComparison.Ordinal);
        Assert.DoesNotContain("الميادين (الميادين)", Plain(district, ChatLanguage.Ar), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SY0903", "الموقع غير دقيق: على مستوى المنطقة فقط.", "Location imprecise: district level only.")]
    [InlineData("SY09", "الموقع غير دقيق: على مستوى المحافظة فقط.", "Location imprecise: governorate level only.")]
    public void Imprecise_place_says_so_in_both_languages(string placeId, string arabic, string english)
    {
        var text = Plain(Attack(places: [placeId]), ChatLanguage.Both);
        Assert.Contains(arabic, text, StringComparison.Ordinal);
        Assert.Contains(english, text, StringComparison.Ordinal);
        Assert.DoesNotContain("imprecise", Plain(Attack(), ChatLanguage.En), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_is_relative_and_absolute_in_the_recipients_zone_named_in_words()
    {
        var damascus = Plain(Attack(), ChatLanguage.Both);
        Assert.Contains("منذ ساعتين", damascus, StringComparison.Ordinal);
        Assert.Contains("13:00\u2069 بتوقيت دمشق", damascus, StringComparison.Ordinal);
        Assert.Contains("When: 2 hours ago (2026-11-23 13:00, Damascus time)", damascus, StringComparison.Ordinal);
        Assert.DoesNotContain("Asia/Damascus", damascus, StringComparison.Ordinal);

        var berlin = Plain(Attack(), ChatLanguage.Both, Berlin);
        Assert.Contains("11:00\u2069 بتوقيت برلين", berlin, StringComparison.Ordinal);
        Assert.Contains("(2026-11-23 11:00, Berlin time)", berlin, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_count_is_shown_with_agreement_including_kinds_a_moderator_typed()
    {
        var counts = new Dictionary<string, int> { ["shells"] = 8, ["killed"] = 3, ["wounded"] = 12, ["drones"] = 2, ["families"] = 4 };
        var arabic = Plain(Attack(counts), ChatLanguage.Ar);
        var english = Plain(Attack(counts), ChatLanguage.En);

        Assert.Contains("الأعداد: ثماني قذائف، طائرتان مسيّرتان، ثلاثة قتلى، \u206612\u2069 جريحًا، \u2066families: 4\u2069", arabic, StringComparison.Ordinal);
        Assert.Contains("Counts: 8 shells, 2 drones, 3 killed, 12 wounded, families: 4", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_line_tells_what_moderators_did_and_how_many_outlets_report_it()
    {
        var one = Plain(Attack(moderation: new ModerationNote(1)), ChatLanguage.Both);
        Assert.Contains("✅ أكّده مشرف واحد · المصادر المستقلة: ثلاثة مصادر", one, StringComparison.Ordinal);
        Assert.Contains("✅ Confirmed by one moderator · Independent sources: 3", one, StringComparison.Ordinal);

        var two = Plain(Attack(moderation: new ModerationNote(2, Corrected: true)), ChatLanguage.Both);
        Assert.Contains("✅ أكّده مشرفان · صحّحه مشرف · المصادر المستقلة: ثلاثة مصادر", two, StringComparison.Ordinal);
        Assert.Contains("✅ Confirmed by two moderators · corrected by a moderator · Independent sources: 3", two, StringComparison.Ordinal);

        var auto = Plain(Attack(moderation: new ModerationNote(0, AutoConfirmed: true)), ChatLanguage.En);
        Assert.Contains("Confirmed automatically: reported by trusted outlets", auto, StringComparison.Ordinal);

        var retracted = Plain(Attack(moderation: new ModerationNote(1)) with { State = AlertState.Retracted }, ChatLanguage.Both);
        Assert.Contains("❌ سحبه المشرفون", retracted, StringComparison.Ordinal);
        Assert.Contains("❌ Retracted by moderators", retracted, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirmed by", retracted, StringComparison.Ordinal);

        var single = Plain(Attack() with { IndependentSources = 1 }, ChatLanguage.Ar);
        Assert.Contains("المصادر المستقلة: مصدر واحد", single, StringComparison.Ordinal);
    }
}

/// <summary>The bot's own conversation texts: every Latin run of an Arabic line isolated, the zone in words.</summary>
public sealed class BotTextsDirectionTests
{
    public static TheoryData<string> Texts => new()
    {
        nameof(BotTexts.Welcome), nameof(BotTexts.Help), nameof(BotTexts.LanguageUsage), nameof(BotTexts.QuietUsage),
        nameof(BotTexts.Paused), nameof(BotTexts.SubscriptionLimit), "TimeZoneCurrent", "UnknownTimeZone", "UnknownCommand",
    };

    private static Bilingual TextNamed(string name) => name switch
    {
        "TimeZoneCurrent" => BotTexts.TimeZoneCurrent("Asia/Damascus"),
        "UnknownTimeZone" => BotTexts.UnknownTimeZone("Mars/Olympus"),
        "UnknownCommand" => BotTexts.UnknownCommand("/nonsense"),
        _ => (Bilingual)typeof(BotTexts).GetField(name)!.GetValue(null)!,
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_Latin_run_in_an_Arabic_line_of_the_bots_texts_is_isolated(string name)
    {
        var text = TextNamed(name).For(ChatLanguage.Both);
        BidiAssert.EveryLatinRunIsolated(text);
        Assert.DoesNotContain(text.Split("\n\n")[^1], c => c is >= '\u2066' and <= '\u2069');
    }

    [Fact]
    public void Commands_and_zone_ids_read_as_one_left_to_right_unit()
    {
        var help = BotTexts.Help.For(ChatLanguage.Ar);
        Assert.Contains("\u200F\u2066/quiet 23:00-07:00 hold|silent\u2069 — ساعات الهدوء", help, StringComparison.Ordinal);
        Assert.Contains("؛ \u2066/quiet off\u2069 لإلغائها", help, StringComparison.Ordinal);
        Assert.Contains("\u200F\u2066/subscribe\u2069 <مكان أو جهة>", help, StringComparison.Ordinal);

        var zone = BotTexts.TimeZoneCurrent("Asia/Damascus").For(ChatLanguage.Ar);
        Assert.Contains("\u2066Asia/Damascus\u2069 (توقيت دمشق)", zone, StringComparison.Ordinal);
        Assert.Contains("\u2066/timezone Europe/Berlin\u2069", zone, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_names_the_zone_in_words()
    {
        Assert.Contains("(توقيت برلين)", BotTexts.TimeZoneIs("Europe/Berlin").For(ChatLanguage.Ar), StringComparison.Ordinal);
        Assert.Contains("(التوقيت العالمي)", BotTexts.TimeZoneSet("UTC").For(ChatLanguage.Ar), StringComparison.Ordinal);
    }

    [Fact]
    public void Direction_controls_a_user_typed_are_dropped_from_an_Arabic_reply()
    {
        var reply = BotTexts.UnknownName("\u202Eabc\u202C").For(ChatLanguage.Ar);
        Assert.DoesNotContain(reply, c => c is >= '\u202A' and <= '\u202E');
        Assert.Contains("«\u2066abc\u2069»", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Isolating_twice_changes_nothing()
    {
        var once = Bilingual.MarkRightToLeft(BotTexts.Help.Ar);
        Assert.Equal(once, Bilingual.MarkRightToLeft(once));
        var line = "المنطقة الزمنية: Asia/Damascus، والأمر /list";
        Assert.Equal(Bidi.IsolateLatinRuns(line), Bidi.IsolateLatinRuns(Bidi.IsolateLatinRuns(line)));
    }
}
