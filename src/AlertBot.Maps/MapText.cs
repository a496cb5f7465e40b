using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace AlertBot.Maps;

/// <summary>
/// The map's fonts and its one way of drawing text: shaped by HarfBuzz, so Arabic letters take their joined forms
/// (initial, medial, final) and runs read right to left. The fonts are shipped in this assembly (Noto Naskh Arabic and
/// Noto Sans, SIL Open Font License 1.1, see <c>Fonts/OFL.txt</c>): the picture does not depend on the fonts installed.
/// Each text is one run of one direction: Arabic text is written without digits or Latin words.
/// </summary>
internal sealed class MapText : IDisposable
{
    private static readonly Lazy<SKTypeface> ArabicFace = new(() => Load("NotoNaskhArabic-Regular.ttf"));
    private static readonly Lazy<SKTypeface> LatinFace = new(() => Load("NotoSans-Regular.ttf"));

    private readonly SKShaper _arabic = new(ArabicFace.Value);
    private readonly SKShaper _latin = new(LatinFace.Value);
    private readonly Dictionary<(bool Arabic, float Size), SKFont> _fonts = [];

    public static bool HasArabic(string text) => text.AsSpan().IndexOfAnyInRange('\u0600', '\u06FF') >= 0;

    /// <summary>The glyphs HarfBuzz chooses for the text, in visual order (left to right on the page).</summary>
    public uint[] ShapedGlyphs(string text, float size = 20) => Shaper(text).Shape(text, Font(text, size)).Codepoints;

    /// <summary>The glyphs of the text's characters one by one, as the font maps them without shaping (isolated forms), in logical order.</summary>
    public ushort[] NominalGlyphs(string text, float size = 20) => Font(text, size).GetGlyphs(text);

    /// <summary>How wide the shaped text is.</summary>
    public float Width(string text, float size) => Shaper(text).Shape(text, Font(text, size)).Width;

    /// <summary>
    /// Draws shaped text with its left edge at <paramref name="x"/> and its baseline at <paramref name="y"/>, over a
    /// halo of <paramref name="halo"/> (none when transparent) so that it reads on any background.
    /// </summary>
    public void Draw(SKCanvas canvas, string text, float x, float y, float size, SKColor color, SKColor halo)
    {
        var shaper = Shaper(text);
        var font = Font(text, size);
        if (halo.Alpha > 0)
        {
            using var stroke = new SKPaint
            {
                Color = halo, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2, size / 5), StrokeJoin = SKStrokeJoin.Round,
            };
            canvas.DrawShapedText(shaper, text, x, y, SKTextAlign.Left, font, stroke);
        }

        using var fill = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawShapedText(shaper, text, x, y, SKTextAlign.Left, font, fill);
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _arabic.Dispose();
        _latin.Dispose();
    }

    private SKShaper Shaper(string text) => HasArabic(text) ? _arabic : _latin;

    private SKFont Font(string text, float size)
    {
        var arabic = HasArabic(text);
        if (!_fonts.TryGetValue((arabic, size), out var font))
        {
            font = new SKFont(arabic ? ArabicFace.Value : LatinFace.Value, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            _fonts[(arabic, size)] = font;
        }

        return font;
    }

    private static SKTypeface Load(string file)
    {
        var name = "AlertBot.Maps.Fonts." + file;
        using var stream = typeof(MapText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Font {name} is not embedded in {typeof(MapText).Assembly.GetName().Name}");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Font {file} could not be read");
    }
}
