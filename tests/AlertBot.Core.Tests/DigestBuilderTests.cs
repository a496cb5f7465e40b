using AlertBot.Core.Digests;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

public sealed class DigestBuilderTests
{
    private static readonly Gazetteer Places = Gazetteer.LoadDefault();
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");

    // 08:00 to 20:00 Damascus time (UTC+3) on 2026-11-23.
    private static readonly DigestPeriod Day = new(new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));

    private static DigestEvent Event(
        long id, string place, string type, double hoursBeforeEnd, string[]? actors = null, Dictionary<string, int>? counts = null,
        int sources = 1, DigestChange change = DigestChange.New, string[]? morePlaces = null) =>
        new(id, change, [type], [place, .. morePlaces ?? []], actors ?? [], counts ?? [], Day.To.AddHours(-hoursBeforeEnd), sources);

    private static DigestRequest Request(ChatLanguage language = ChatLanguage.En, DigestFilter? filter = null, EmptyDigest empty = EmptyDigest.Nothing) =>
        new(Day, filter ?? DigestFilter.Everything, language, empty, Damascus);

    private static string Plain(DigestDocument digest) => string.Join("\n", digest.Write(PlatformMarkup.Plain, int.MaxValue));

    [Fact]
    public void Events_are_grouped_by_district_then_place_in_time_order()
    {
        var builder = new DigestBuilder(Places);
        var digest = builder.Build(Request(), [
            Event(1, "ES057", "shelling", 1),      // Albu Kamal (Abu Kamal District)
            Event(2, "ES045", "drone_attack", 2),  // al-Ashara (Mayadin District)
            Event(3, "ES037", "airstrike", 3),     // al-Mayadin (Mayadin District)
            Event(4, "ES037", "shelling", 5),      // al-Mayadin, earlier
            Event(5, "ES056", "clash", 4),         // al-Baghuz (Abu Kamal District)
        ]);

        var text = Plain(digest);
        var lines = text.Split('\n');
        int At(string s) => Array.FindIndex(lines, l => l.Contains(s, StringComparison.Ordinal));

        // Districts in the gazetteer's order, each once; places in the order of their first event; events by time.
        Assert.True(At("🗺️ Abu Kamal District") < At("🗺️ Mayadin District"), text);
        Assert.Equal(1, lines.Count(l => l.StartsWith("🗺️ Mayadin District", StringComparison.Ordinal)));
        Assert.True(At("📍 al-Mayadin") < At("📍 al-Ashara"), text);
        Assert.True(At("📍 al-Baghuz") < At("📍 Albu Kamal"), text);
        var mayadin = At("📍 al-Mayadin");
        Assert.StartsWith("▪️ Shelling · 5 hours ago (15:00)", lines[mayadin + 1], StringComparison.Ordinal);
        Assert.StartsWith("▪️ Airstrike · 3 hours ago (17:00)", lines[mayadin + 3], StringComparison.Ordinal);
        Assert.Equal([5L, 1L, 4L, 3L, 2L], [.. digest.Events.Select(e => e.EventId)]);
        Assert.Equal(5, digest.NewCount);
    }

    [Fact]
    public void English_item_gives_type_other_places_actors_counts_relative_and_clock_time_and_sources()
    {
        var digest = new DigestBuilder(Places).Build(Request(), [
            Event(7, "ES037", "shelling", 2, ["syrian_government", "unknown"], new() { ["killed"] = 3, ["rockets"] = 2 }, sources: 3, morePlaces: ["ES045"]),
        ]);

        var text = Plain(digest);
        Assert.Contains("🗞️ Digest of confirmed incidents", text, StringComparison.Ordinal);
        Assert.Contains("Period: 2026-11-23 08:00 – 20:00, Damascus time", text, StringComparison.Ordinal);
        Assert.Contains("▪️ Shelling · 2 hours ago (18:00)", text, StringComparison.Ordinal);
        Assert.Contains("also: al-Ashara · actors: Syrian government forces · counts: 2 rockets, 3 killed · 3 independent sources", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unidentified", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Arabic_item_uses_Arabic_names_number_agreement_Humanizer_Arabic_and_isolated_Latin_runs()
    {
        var digest = new DigestBuilder(Places).Build(Request(ChatLanguage.Ar), [
            Event(7, "ES037", "shelling", 2, ["syrian_government"], new() { ["rockets"] = 7 }, sources: 2),
            Event(8, "ES037", "shelling", 30, ["syrian_government"], sources: 1),
        ]);

        var text = Plain(digest);
        Assert.Contains("🗺️ منطقة الميادين", text, StringComparison.Ordinal);
        Assert.Contains("قصف مدفعي", text, StringComparison.Ordinal);
        Assert.Contains("منذ ساعتين", text, StringComparison.Ordinal);
        Assert.Contains("أمس", text, StringComparison.Ordinal);
        Assert.Contains("سبعة صواريخ", text, StringComparison.Ordinal);
        Assert.Contains("المصادر المستقلة: مصدران", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Shelling", text, StringComparison.Ordinal);
        BidiAssert.EveryLatinRunIsolated(text);
        Assert.All(text.Split('\n').Where(l => l.Length > 0), l => Assert.Equal('\u200F', l[0]));
    }

    [Fact]
    public void Both_languages_give_each_block_in_Arabic_then_English()
    {
        var text = Plain(new DigestBuilder(Places).Build(Request(ChatLanguage.Both), [Event(1, "ES037", "shelling", 1)]));
        var lines = text.Split('\n');
        var arabicItem = Array.FindIndex(lines, l => l.Contains("قصف مدفعي", StringComparison.Ordinal) && l.Contains("▪️", StringComparison.Ordinal));
        var englishItem = Array.FindIndex(lines, l => l.Contains("▪️ Shelling", StringComparison.Ordinal));
        var englishPlace = Array.FindIndex(lines, l => l.Contains("📍 al-Mayadin", StringComparison.Ordinal));
        Assert.True(arabicItem >= 0 && englishItem > arabicItem, text);

        // The English place heading comes before the Arabic item: each block is bilingual, not the whole digest twice.
        Assert.True(englishPlace < arabicItem, text);
    }

    [Fact]
    public void Totals_count_events_by_their_main_type_most_first()
    {
        var text = Plain(new DigestBuilder(Places).Build(Request(), [
            Event(1, "ES037", "shelling", 1), Event(2, "ES045", "shelling", 2), Event(3, "ES057", "drone_attack", 3),
            Event(4, "ES057", "shelling", 4), Event(5, "ES057", "airstrike", 5), Event(6, "ES057", "drone_attack", 6),
        ]));

        Assert.Contains("Incidents: 6 — Shelling: 3, Drone attack: 2, Airstrike: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_takes_places_at_any_level_actor_groups_with_members_and_types()
    {
        var builder = new DigestBuilder(Places);
        DigestEvent[] events =
        [
            Event(1, "ES037", "shelling", 1, ["irgc"]),               // al-Mayadin, Mayadin District
            Event(2, "ES045", "drone_attack", 2, ["us_forces"]),      // al-Ashara, Ashara Subdistrict, Mayadin District
            Event(3, "ES057", "shelling", 3, ["hezbollah"]),          // Albu Kamal, Abu Kamal District
            Event(4, "ES001", "airstrike", 4, ["israel"]),            // Deir ez-Zor city
            Event(5, "ES024", "clash", 5, ["sdf"]),                   // Khasham, Deir ez-Zor District
        ];
        long[] Shown(DigestFilter filter) => [.. builder.Build(Request(filter: filter), events).Events.Select(e => e.EventId).Order()];

        Assert.Equal([1L, 2L], Shown(new(["SY0903"], [], [])));
        Assert.Equal([2L], Shown(new(["SY090302"], [], [])));
        Assert.Equal([1L, 2L, 3L], Shown(new(["SY0903", "SY0902"], [], [])));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Shown(new(["SY09"], [], [])));
        Assert.Equal([1L, 3L], Shown(new([], ["iran_backed_militias"], [])));
        Assert.Equal([3L], Shown(new(["SY0902"], ["iran_backed_militias"], ["shelling"])));
        Assert.Equal([2L, 4L], Shown(new([], [], ["drone_attack", "airstrike"])));
        Assert.Empty(Shown(new(["ES037"], [], ["clash"])));
    }

    [Fact]
    public void Corrections_and_retractions_since_the_last_digest_are_called_out_after_the_period_events()
    {
        var digest = new DigestBuilder(Places).Build(Request(), [
            Event(1, "ES037", "shelling", 1),
            Event(2, "ES057", "drone_attack", 20, counts: new() { ["drones"] = 2 }, change: DigestChange.Corrected),
            Event(3, "ES045", "airstrike", 26, change: DigestChange.Retracted),
        ]);

        var text = Plain(digest);
        var corrections = text.IndexOf("✏️ Corrected since the last digest", StringComparison.Ordinal);
        var retractions = text.IndexOf("❌ Retracted since the last digest", StringComparison.Ordinal);
        Assert.True(text.IndexOf("▪️ Shelling", StringComparison.Ordinal) < corrections && corrections < retractions, text);
        Assert.Equal("▪️ Drone attack — Albu Kamal (Abu Kamal District) · 20 hours ago (00:00)", text[corrections..retractions].Split('\n')[1]);
        Assert.Contains("▪️ Airstrike — al-Ashara (Mayadin District) · yesterday", text[retractions..], StringComparison.Ordinal);

        // Totals count only the period's confirmed events.
        Assert.Contains("Incidents: 1 — Shelling: 1", text, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), (digest.NewCount, digest.CorrectedCount, digest.RetractedCount));
    }

    [Fact]
    public void Empty_period_gives_nothing_or_one_short_line_as_the_setting_says()
    {
        var builder = new DigestBuilder(Places);
        var outside = new[] { Event(1, "ES057", "shelling", 1) };
        var filter = new DigestFilter(["SY0903"], [], []);

        var nothing = builder.Build(Request(filter: filter), outside);
        Assert.True(nothing.IsEmpty);
        Assert.Empty(nothing.Write(PlatformMarkup.TelegramHtml));

        var line = builder.Build(Request(ChatLanguage.En, filter, EmptyDigest.NoIncidentsLine), outside);
        Assert.True(line.IsEmpty);
        Assert.Equal(["No confirmed incidents (2026-11-23 08:00 – 20:00, Damascus time)."], line.Write(PlatformMarkup.TelegramHtml));

        var both = builder.Build(Request(ChatLanguage.Both, filter, EmptyDigest.NoIncidentsLine), []);
        var message = Assert.Single(both.Write(PlatformMarkup.Plain));
        Assert.Equal(2, message.Split('\n').Length);
        Assert.Contains("لا حوادث مؤكدة", message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Platforms => new() { "telegram", "discord", "plain", "telegram-caption" };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Digest_of_200_events_splits_at_the_platform_limit_without_cutting_an_event(string platform)
    {
        var (markup, limit) = platform switch
        {
            "telegram" => (PlatformMarkup.TelegramHtml, 4096),
            "discord" => (PlatformMarkup.DiscordMarkdown, 2000),
            "telegram-caption" => (PlatformMarkup.TelegramHtml, 1024),
            _ => (PlatformMarkup.Plain, PlatformMarkup.Plain.MaxLength),
        };
        var digest = new DigestBuilder(Places).Build(Request(ChatLanguage.Both), ManyEvents(200));
        Assert.Equal(200, digest.Events.Count);

        var messages = digest.Write(markup, limit);

        Assert.True(messages.Count > 1, $"{messages.Count} message(s)");
        Assert.All(messages, m => Assert.InRange(m.Length, 1, limit));
        var items = digest.Parts.Where(p => p.Block.EventId is not null).ToList();
        Assert.Equal(200, items.Count);
        foreach (var item in items)
        {
            // Each event's lines whole, in exactly one message.
            var written = item.Block.Written(markup);
            Assert.Equal(1, messages.Count(m => m.Contains(written, StringComparison.Ordinal)));
        }

        // Read in order, the messages give the events in the digest's order.
        var all = string.Join("\n", messages);
        var positions = items.Select(i => all.IndexOf(i.Block.Written(markup), StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);

        // A message that starts inside a district says where it continues; none ends on a heading.
        Assert.All(messages.Skip(1), m => Assert.True(
            StartsASection(m), m[..Math.Min(200, m.Length)]));
        Assert.All(messages, m => Assert.False(m.TrimEnd().Split('\n')[^1].Contains("📍", StringComparison.Ordinal), m[^Math.Min(200, m.Length)..]));
        if (markup == PlatformMarkup.TelegramHtml)
        {
            Assert.All(messages, m => Assert.Equal(Count(m, "<b>"), Count(m, "</b>")));
        }
    }

    [Fact]
    public void Same_events_give_the_same_text_whatever_their_order_and_whichever_builder()
    {
        var events = ManyEvents(120);
        var shuffled = events.Select(e => e with { }).OrderBy(e => (e.EventId * 7919) % 113).ToList();
        var first = new DigestBuilder(Places).Build(Request(ChatLanguage.Both), events);
        var second = new DigestBuilder(Places).Build(Request(ChatLanguage.Both), shuffled);

        foreach (var markup in new[] { PlatformMarkup.TelegramHtml, PlatformMarkup.DiscordMarkdown, PlatformMarkup.Plain })
        {
            Assert.Equal(first.Write(markup), second.Write(markup));
        }
    }

    [Fact]
    public void Platform_markup_escapes_and_bolds_as_alerts_do()
    {
        var digest = new DigestBuilder(Places).Build(Request(), [Event(1, "ES037", "shelling", 1)]);

        var discord = string.Join("\n", digest.Write(PlatformMarkup.DiscordMarkdown));
        Assert.Contains("📍 al\\-Mayadin", discord, StringComparison.Ordinal);
        Assert.Contains("**Shelling**", discord, StringComparison.Ordinal);

        var telegram = string.Join("\n", digest.Write(PlatformMarkup.TelegramHtml));
        Assert.Contains("<b>Shelling</b>", telegram, StringComparison.Ordinal);
        Assert.Contains("<b>Mayadin District</b>", telegram, StringComparison.Ordinal);
    }

    private static bool StartsASection(string message)
    {
        var first = message.Split('\n')[0];
        return first.Contains("🗺️", StringComparison.Ordinal) || first.Contains("✏️", StringComparison.Ordinal) || first.Contains('❌', StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    /// <summary>Events spread over the towns of the three Deir ez-Zor districts, a few corrected and retracted.</summary>
    internal static List<DigestEvent> ManyEvents(int count)
    {
        string[] places = ["ES037", "ES045", "ES057", "ES056", "ES049", "ES001", "ES024", "ES028", "ES031", "ES068", "ES010", "SY09"];
        string[] types = ["shelling", "drone_attack", "airstrike", "clash", "rocket_attack"];
        string[][] actors = [["syrian_government"], ["irgc", "hezbollah"], ["us_forces"], ["sdf", "isis"], []];
        return Enumerable.Range(1, count).Select(i => Event(
            i,
            places[i % places.Length],
            types[i % types.Length],
            (i * 37 % 690) / 60.0,
            actors[i % actors.Length],
            i % 3 == 0 ? new() { ["killed"] = i % 7, ["wounded"] = i % 11 } : null,
            sources: 1 + (i % 4),
            change: i % 25 == 0 ? DigestChange.Corrected : i % 31 == 0 ? DigestChange.Retracted : DigestChange.New)).ToList();
    }
}
