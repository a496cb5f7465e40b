using AlertBot.Core.Digests;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using SkiaSharp;

namespace AlertBot.Maps.Tests;

public sealed class DigestMapRendererTests
{
    private static readonly Gazetteer Places = Gazetteer.LoadDefault();
    private static readonly TimeZoneInfo Damascus = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");
    private static readonly DigestPeriod Day = new(new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));

    private static DigestEvent Event(long id, string place, string type, DigestChange change = DigestChange.New) =>
        new(id, change, [type], [place], ["syrian_government"], new Dictionary<string, int>(), Day.To.AddHours(-id % 11), 1 + (int)(id % 3));

    private static List<DigestEvent> Sample() =>
    [
        Event(1, "ES037", "shelling"), Event(2, "ES037", "shelling"), Event(3, "ES037", "drone_attack"),
        Event(4, "ES057", "airstrike"), Event(5, "ES045", "clash"), Event(6, "ES001", "rocket_attack"),
        Event(7, "ES049", "drone_attack"), Event(8, "ES038", "shelling"), Event(9, "ES016", "evacuation"),
    ];

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");

    /// <summary>Pixels within a small distance of a colour (anti-aliased edges allowed).</summary>
    private static int PixelsNear(SKBitmap bitmap, SKColor color, int tolerance = 40)
    {
        var count = 0;
        foreach (var p in bitmap.Pixels)
        {
            if (Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    [Fact]
    public void Map_is_a_PNG_of_the_asked_size_with_river_markers_and_text()
    {
        var png = new DigestMapRenderer(Places, new DigestMapOptions(1000, 700)).RenderPng(Sample(), Day, Damascus, ChatLanguage.Both);

        Assert.NotNull(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var bitmap = Decode(png);
        Assert.Equal((1000, 700), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Pixels.Distinct().Count() > 200, "an image with lines, markers and anti-aliased text, not a flat fill");
        Assert.True(PixelsNear(bitmap, new SKColor(0x5B, 0x9B, 0xD5), 20) > 1500, "the Euphrates is drawn");
        Assert.True(PixelsNear(bitmap, new SKColor(0x22, 0x22, 0x22), 60) > 800, "labels and titles are drawn");
        foreach (var type in new[] { "shelling", "drone_attack", "airstrike", "clash", "rocket_attack", "evacuation" })
        {
            Assert.True(PixelsNear(bitmap, DigestMapRenderer.TypeColors[type]) > 50, $"a {type} marker is drawn in its colour");
        }

    }

    [Fact]
    public void Marker_grows_with_the_number_of_events_at_the_place()
    {
        var renderer = new DigestMapRenderer(Places);
        var shelling = DigestMapRenderer.TypeColors["shelling"];
        using var one = Decode(renderer.RenderPng([Event(1, "ES037", "shelling")], Day, Damascus, ChatLanguage.En)!);
        using var nine = Decode(renderer.RenderPng([.. Enumerable.Range(1, 9).Select(i => Event(i, "ES037", "shelling"))], Day, Damascus, ChatLanguage.En)!);

        // Legend swatches are the same in both: the difference is the marker, whose area grows with the count.
        Assert.True(PixelsNear(nine, shelling) > 3 * PixelsNear(one, shelling), $"{PixelsNear(nine, shelling)} vs {PixelsNear(one, shelling)}");
    }

    [Fact]
    public void Same_events_give_the_same_bytes_whatever_their_order()
    {
        var events = Sample();
        var first = new DigestMapRenderer(Places).RenderPng(events, Day, Damascus, ChatLanguage.Both);
        var second = new DigestMapRenderer(Places).RenderPng([.. Enumerable.Reverse(events)], Day, Damascus, ChatLanguage.Both);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Language_changes_the_labels()
    {
        var renderer = new DigestMapRenderer(Places);
        var arabic = renderer.RenderPng(Sample(), Day, Damascus, ChatLanguage.Ar);
        var english = renderer.RenderPng(Sample(), Day, Damascus, ChatLanguage.En);
        Assert.NotEqual(arabic, english);
    }

    [Fact]
    public void Nothing_to_draw_without_an_event_on_the_map()
    {
        var renderer = new DigestMapRenderer(Places);
        Assert.Null(renderer.RenderPng([], Day, Damascus, ChatLanguage.Both));

        // Retracted events are not drawn, nor are places far outside eastern Syria (Harir, in Iraqi Kurdistan).
        Assert.Null(renderer.RenderPng([Event(1, "ES037", "shelling", DigestChange.Retracted), Event(2, "ES096", "airstrike")], Day, Damascus, ChatLanguage.Both));
    }

    [Fact]
    public void Digest_document_map_leaves_out_what_the_filter_leaves_out()
    {
        var builder = new DigestBuilder(Places);
        var request = new DigestRequest(Day, new DigestFilter(["SY0902"], [], []), ChatLanguage.En, EmptyDigest.Nothing, Damascus);
        var renderer = new DigestMapRenderer(Places);

        using var map = Decode(renderer.RenderPng(builder.Build(request, Sample()))!);

        // Abu Kamal District holds the airstrike (Albu Kamal) and a drone attack (Hajin), not the shelling of al-Mayadin.
        Assert.True(PixelsNear(map, DigestMapRenderer.TypeColors["airstrike"]) > 50);
        Assert.Equal(0, PixelsNear(map, DigestMapRenderer.TypeColors["shelling"], 6));
    }

    [Fact]
    public void Arabic_label_is_shaped_into_joined_forms_not_isolated_letters()
    {
        using var text = new MapText();
        const string name = "الميادين";

        var shaped = text.ShapedGlyphs(name);
        var isolated = text.NominalGlyphs(name);

        Assert.DoesNotContain(0u, shaped);
        Assert.DoesNotContain((ushort)0, isolated);

        // HarfBuzz replaces letters by their initial, medial and final forms: glyphs the letters alone never map to.
        var contextual = shaped.Where(g => !isolated.Contains((ushort)g)).ToList();
        Assert.True(contextual.Count >= 4, $"shaped [{string.Join(",", shaped)}] vs isolated [{string.Join(",", isolated)}]");

        // And lays the run out right to left: the last letter (ن, final form) comes first on the page.
        Assert.NotEqual(shaped.Select(g => (ushort)g), isolated);
        Assert.NotEqual(text.NominalGlyphs("ن")[0], (ushort)shaped[0]);
        Assert.Equal(text.ShapedGlyphs("ين")[0], shaped[0]);
    }

    [Fact]
    public void Fonts_are_shipped_with_their_licence()
    {
        var licence = Path.Combine(AppContext.BaseDirectory, "licenses", "fonts-OFL.txt");
        Assert.True(File.Exists(licence), licence);
        Assert.Contains("SIL OPEN FONT LICENSE Version 1.1", File.ReadAllText(licence), StringComparison.Ordinal);
        using var text = new MapText();
        Assert.True(text.Width("Albu Kamal", 16) > 40);
        Assert.True(text.Width("البوكمال", 16) > 30);
    }
}
