using System.Globalization;
using AlertBot.Core.Digests;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using SkiaSharp;

namespace AlertBot.Maps;

/// <summary>The size of the map image, in pixels.</summary>
public sealed record DigestMapOptions(int Width = 1200, int Height = 900)
{
    public static DigestMapOptions Default { get; } = new();
}

/// <summary>
/// Draws a digest's map from the gazetteer's coordinates: the Euphrates, the districts (as points: the gazetteer has
/// no outlines), a few towns to read the map by, and the places of the period's events as pies sized by how many
/// events and coloured by type, labelled in Arabic (shaped by HarfBuzz) and English, with a legend. The same input
/// gives the same PNG bytes: every order is fixed, the fonts are shipped, and nothing reads the clock.
/// </summary>
public sealed class DigestMapRenderer(Gazetteer gazetteer, DigestMapOptions? options = null) : IDigestMapRenderer
{
    /// <summary>
    /// The Euphrates, approximately: the gazetteer has no river, so it is drawn through places on its banks, upstream to
    /// downstream (Raqqa, Deir ez-Zor, al-Busayrah, al-Mayadin, al-Ashara, Hajin, al-Baghuz, al-Qaim). Good to read
    /// the map by, not to measure on: the line cuts the bends between them.
    /// </summary>
    public static IReadOnlyList<string> EuphratesCourse { get; } =
    [
        "AB001", "ES014", "ES001", "ES022", "ES076", "ES077", "ES028", "ES037", "ES031", "ES042", "ES043", "ES045",
        "ES046", "ES050", "ES051", "ES052", "ES049", "ES053", "ES054", "ES055", "ES056", "ES075",
    ];

    /// <summary>Towns drawn for orientation whether or not anything happened there.</summary>
    public static IReadOnlyList<string> ReferenceTowns { get; } = ["ES001", "ES037", "ES028", "ES049", "ES057", "ES075", "AB001", "ES090"];

    /// <summary>Colours of the event types (colour-blind-safe where it can be), in the order of <see cref="EventTypes.All"/>.</summary>
    public static IReadOnlyDictionary<string, SKColor> TypeColors { get; } = new Dictionary<string, SKColor>(StringComparer.Ordinal)
    {
        ["shelling"] = new(0xD7, 0x30, 0x1F),
        ["rocket_attack"] = new(0xF4, 0x6D, 0x43),
        ["drone_attack"] = new(0x76, 0x2A, 0x83),
        ["airstrike"] = new(0x2B, 0x3A, 0x8C),
        ["evacuation"] = new(0x1B, 0x9E, 0x77),
        ["reinforcement"] = new(0x66, 0x66, 0x66),
        ["clash"] = new(0xD9, 0x9A, 0x00),
    };

    private static readonly SKColor OtherColor = new(0x99, 0x99, 0x99);
    private static readonly SKColor Land = new(0xF4, 0xEF, 0xE3);
    private static readonly SKColor River = new(0x5B, 0x9B, 0xD5);
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Muted = new(0x6E, 0x67, 0x5A);
    private static readonly SKColor Halo = new(0xFF, 0xFF, 0xFF, 0xD8);

    // The widest the map goes, whatever the events (eastern Syria and its borders; farther places are counted, not drawn).
    private const double MinLat = 32.5, MaxLat = 37.6, MinLon = 37.0, MaxLon = 42.6;
    private const int TitleHeight = 78;

    private readonly DigestMapOptions _options = options ?? DigestMapOptions.Default;

    public byte[]? RenderPng(DigestDocument digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return RenderPng(digest.Events, digest.Request.Period, digest.Request.Zone, digest.Request.Language);
    }

    /// <summary>The map of <paramref name="events"/> (retracted ones left out); null when none has a place with coordinates.</summary>
    public byte[]? RenderPng(IReadOnlyList<DigestEvent> events, DigestPeriod period, TimeZoneInfo zone, ChatLanguage language)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(zone);
        var markers = Markers(events, out var unplaced);
        if (markers.Count == 0)
        {
            return null;
        }

        var projection = Projection.Fit(
            markers.Select(m => (m.Lat, m.Lon)).Concat(Points(["ES001", "ES037", "ES057", "SY0901", "SY0902", "SY0903"])),
            new SKRect(0, TitleHeight, _options.Width, _options.Height));

        using var surface = SKSurface.Create(new SKImageInfo(_options.Width, _options.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {_options.Width}×{_options.Height} surface");
        var canvas = surface.Canvas;
        canvas.Clear(Land);
        using var text = new MapText();
        var taken = new List<SKRect>();

        // The map below the title band; the title, legend and credit panels lie over it; labels go where nothing is.
        canvas.Save();
        canvas.ClipRect(new SKRect(0, TitleHeight, _options.Width, _options.Height));
        var river = DrawRiver(canvas, projection);
        DrawMarkers(canvas, projection, markers);
        canvas.Restore();
        taken.AddRange(markers.Select(m => Circle(projection.Map(m.Lat, m.Lon), Radius(m.Total) + 2)));
        DrawTitle(canvas, text, period, zone, language, taken);
        taken.Add(DrawLegend(canvas, text, markers, unplaced, language));
        DrawAttribution(canvas, text, taken);
        NameRiver(canvas, projection, text, river, language, taken);

        // Labels last, most important first, each only where it overlaps nothing drawn or labelled before it.
        foreach (var m in markers.OrderByDescending(m => m.Total).ThenBy(m => m.Rank))
        {
            Label(canvas, text, projection.Map(m.Lat, m.Lon), Radius(m.Total), m.Place, language, 17, Ink, taken, counted: m.Total);
        }

        foreach (var town in ReferenceTowns.Select(gazetteer.Find).OfType<Place>().Where(p => p.Lat is not null && markers.All(m => m.Place.Id != p.Id)))
        {
            var at = projection.Map(town.Lat!.Value, town.Lon!.Value);
            if (projection.Contains(at) && !Overlaps(Circle(at, 3), taken))
            {
                using var dot = new SKPaint { Color = Ink, IsAntialias = true };
                canvas.DrawCircle(at, 3, dot);
                Label(canvas, text, at, 3, town, language, 13, Muted, taken, counted: 0);
            }
        }

        foreach (var district in gazetteer.Places.Where(p => p.Kind == "district" && p.Lat is not null))
        {
            var at = projection.Map(district.Lat!.Value, district.Lon!.Value);
            if (projection.Contains(at) && !Overlaps(Circle(at, 5), taken))
            {
                using var mark = new SKPaint { Color = Muted, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
                canvas.DrawRect(at.X - 4, at.Y - 4, 8, 8, mark);
                Label(canvas, text, at, 5, district, language, 13, Muted, taken, counted: 0);
            }
        }

        // The Sub filter at zlib level 3 encodes in less than half the time of the defaults for a file about a tenth larger.
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3))
            ?? throw new InvalidOperationException("PNG encoding failed");
        return png.ToArray();
    }

    private sealed record Marker(Place Place, double Lat, double Lon, int Rank, IReadOnlyList<(string Type, int Count)> Types)
    {
        public int Total => Types.Sum(t => t.Count);
    }

    /// <summary>One marker per place: the event's first place that has coordinates, else the nearest area around it that has.</summary>
    private List<Marker> Markers(IReadOnlyList<DigestEvent> events, out int unplaced)
    {
        var byPlace = new Dictionary<string, List<DigestEvent>>(StringComparer.Ordinal);
        unplaced = 0;
        foreach (var e in events.Where(e => e.Change != DigestChange.Retracted))
        {
            var place = e.PlaceIds.Select(Located).FirstOrDefault(p => p is not null);
            if (place is null || place.Lat is not { } lat || place.Lon is not { } lon || lat is < MinLat or > MaxLat || lon is < MinLon or > MaxLon)
            {
                unplaced++;
                continue;
            }

            if (!byPlace.TryGetValue(place.Id, out var list))
            {
                byPlace[place.Id] = list = [];
            }

            list.Add(e);
        }

        var rank = gazetteer.Places.Select((p, i) => (p.Id, i)).GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return byPlace.Select(kv =>
            {
                var place = gazetteer.Find(kv.Key)!;
                var types = kv.Value.GroupBy(e => e.EventTypes.Count > 0 && TypeColors.ContainsKey(e.EventTypes[0]) ? e.EventTypes[0] : string.Empty, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.Count()))
                    .OrderBy(t => TypeOrder(t.Key))
                    .ToList();
                return new Marker(place, place.Lat!.Value, place.Lon!.Value, rank.GetValueOrDefault(kv.Key, int.MaxValue), types);
            })
            .OrderBy(m => m.Rank)
            .ToList();
    }

    private Place? Located(string placeId)
    {
        if (gazetteer.Find(placeId) is not { } place)
        {
            return null;
        }

        return place.Lat is not null && place.Lon is not null
            ? place
            : gazetteer.AncestorsOf(placeId).FirstOrDefault(a => a.Lat is not null && a.Lon is not null);
    }

    private IEnumerable<(double Lat, double Lon)> Points(IEnumerable<string> ids) =>
        ids.Select(gazetteer.Find).OfType<Place>().Where(p => p.Lat is not null && p.Lon is not null).Select(p => (p.Lat!.Value, p.Lon!.Value));

    /// <summary>Draws the river; returns the points it passes through, on the page.</summary>
    private List<SKPoint> DrawRiver(SKCanvas canvas, Projection projection)
    {
        var points = Points(EuphratesCourse).Select(p => projection.Map(p.Lat, p.Lon)).ToList();
        using var builder = new SKPathBuilder();
        builder.MoveTo(points[0]);

        // Through the midpoints, with each place as a control point: a smooth line that keeps near every place.
        for (var i = 1; i < points.Count - 1; i++)
        {
            var mid = new SKPoint((points[i].X + points[i + 1].X) / 2, (points[i].Y + points[i + 1].Y) / 2);
            builder.QuadTo(points[i], mid);
        }

        builder.LineTo(points[^1]);
        using var path = builder.Detach();
        using var water = new SKPaint { Color = River, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 6, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
        canvas.DrawPath(path, water);
        return points;
    }

    private static void NameRiver(SKCanvas canvas, Projection projection, MapText text, List<SKPoint> points, ChatLanguage language, List<SKRect> taken)
    {
        // The river's name beside it, at the first place from its middle stretch on where it overlaps nothing.
        string[] names = language switch
        {
            ChatLanguage.Ar => ["نهر الفرات"],
            ChatLanguage.En => ["Euphrates"],
            _ => ["Euphrates", "نهر الفرات"],
        };
        const float size = 15;
        var inside = points.Where(projection.Contains).ToList();
        foreach (var anchor in inside.Skip(inside.Count / 3).Concat(inside.Take(inside.Count / 3)))
        {
            foreach (var side in new[] { -1, 1 })
            {
                var rects = names.Select((name, i) =>
                {
                    var width = text.Width(name, size);
                    var left = side < 0 ? anchor.X - 14 - width : anchor.X + 14;
                    return new SKRect(left, anchor.Y - size + i * size * 1.4f, left + width, anchor.Y + size * 0.35f + i * size * 1.4f);
                }).ToList();
                if (rects.All(r => !Overlaps(r, taken) && projection.Contains(new SKPoint(r.Left, r.Top)) && projection.Contains(new SKPoint(r.Right, r.Bottom))))
                {
                    for (var i = 0; i < names.Length; i++)
                    {
                        text.Draw(canvas, names[i], rects[i].Left, rects[i].Bottom - size * 0.35f, size, River, Halo);
                        taken.Add(rects[i]);
                    }

                    return;
                }
            }
        }
    }

    private static void DrawMarkers(SKCanvas canvas, Projection projection, List<Marker> markers)
    {
        using var slice = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var rim = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };

        // Biggest first, so that a small place next to a big one stays visible on top of it.
        foreach (var m in markers.OrderByDescending(m => m.Total).ThenBy(m => m.Rank))
        {
            var center = projection.Map(m.Lat, m.Lon);
            var r = Radius(m.Total);
            var oval = new SKRect(center.X - r, center.Y - r, center.X + r, center.Y + r);
            var start = -90f;
            foreach (var (type, count) in m.Types)
            {
                var sweep = 360f * count / m.Total;
                slice.Color = TypeColors.GetValueOrDefault(type, OtherColor);
                if (m.Types.Count == 1)
                {
                    canvas.DrawOval(oval, slice);
                }
                else
                {
                    canvas.DrawArc(oval, start, sweep, useCenter: true, slice);
                }

                start += sweep;
            }

            canvas.DrawOval(oval, rim);
        }
    }

    private static void DrawTitle(SKCanvas canvas, MapText text, DigestPeriod period, TimeZoneInfo zone, ChatLanguage language, List<SKRect> taken)
    {
        var band = new SKRect(0, 0, canvas.DeviceClipBounds.Width, TitleHeight);
        using (var paint = new SKPaint { Color = SKColors.White.WithAlpha(0xF0) })
        {
            canvas.DrawRect(band, paint);
        }

        taken.Add(band);
        var from = TimeZoneInfo.ConvertTime(period.From, zone);
        var to = TimeZoneInfo.ConvertTime(period.To, zone);
        var when = $"{from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {to.ToString(from.Date == to.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";
        var zoneName = ZoneNames.Of(zone);
        var right = band.Right - 20;
        if (language != ChatLanguage.Ar)
        {
            text.Draw(canvas, "Confirmed incidents", 20, 34, 24, Ink, SKColors.Transparent);
            text.Draw(canvas, $"{when}, {zoneName.En}", 20, 62, 16, Muted, SKColors.Transparent);
        }
        else
        {
            text.Draw(canvas, when, 20, 50, 18, Muted, SKColors.Transparent);
        }

        if (language != ChatLanguage.En)
        {
            const string title = "خريطة الحوادث المؤكدة";
            text.Draw(canvas, title, right - text.Width(title, 26), 36, 26, Ink, SKColors.Transparent);
            text.Draw(canvas, zoneName.Ar, right - text.Width(zoneName.Ar, 17), 64, 17, Muted, SKColors.Transparent);
        }
    }

    /// <summary>The types on the map with their colours and numbers, the size key, and what could not be placed.</summary>
    private static SKRect DrawLegend(SKCanvas canvas, MapText text, List<Marker> markers, int unplaced, ChatLanguage language)
    {
        var totals = markers.SelectMany(m => m.Types).GroupBy(t => t.Type, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Count: g.Sum(t => t.Count))).OrderBy(t => TypeOrder(t.Type)).ToList();
        var rows = totals.Select(t =>
        {
            var type = EventTypes.Find(t.Type);
            var count = t.Count.ToString(CultureInfo.InvariantCulture);
            return (Color: TypeColors.GetValueOrDefault(t.Type, OtherColor), En: $"{type?.NameEn ?? "Other"} · {count}", Ar: type?.NameAr ?? "أخرى");
        }).ToList();

        const float size = 15, line = 24, pad = 12, swatch = 16;
        var enWidth = language == ChatLanguage.Ar ? 0 : rows.Max(r => text.Width(r.En, size));
        var arWidth = language == ChatLanguage.En ? 0 : rows.Max(r => text.Width(r.Ar, size));
        var note = unplaced > 0 ? $"+{unplaced.ToString(CultureInfo.InvariantCulture)} not on the map" : null;
        var keyText = language == ChatLanguage.Ar ? "عدد الحوادث" : "incidents";
        var width = pad + swatch + 8 + enWidth + (enWidth > 0 && arWidth > 0 ? 16 : 0) + arWidth + pad;
        width = Math.Max(width, pad * 2 + Radius(1) * 2 + Radius(5) * 2 + 60 + text.Width(keyText, 13));
        var height = pad + rows.Count * line + 8 + Radius(5) * 2 + 8 + (note is null ? 0 : line) + pad;
        var canvasHeight = canvas.DeviceClipBounds.Height;
        var box = new SKRect(16, canvasHeight - 16 - height, 16 + width, canvasHeight - 16);
        using (var paint = new SKPaint { Color = SKColors.White.WithAlpha(0xEC), IsAntialias = true })
        {
            canvas.DrawRoundRect(box, 8, 8, paint);
        }

        using var swatchPaint = new SKPaint { IsAntialias = true };
        var y = box.Top + pad;
        foreach (var row in rows)
        {
            swatchPaint.Color = row.Color;
            canvas.DrawCircle(box.Left + pad + swatch / 2, y + line / 2, swatch / 2, swatchPaint);
            var baseline = y + line / 2 + size / 3;
            if (language != ChatLanguage.Ar)
            {
                text.Draw(canvas, row.En, box.Left + pad + swatch + 8, baseline, size, Ink, SKColors.Transparent);
            }

            if (language != ChatLanguage.En)
            {
                text.Draw(canvas, row.Ar, box.Right - pad - text.Width(row.Ar, size), baseline, size, Ink, SKColors.Transparent);
            }

            y += line;
        }

        // Size key: one incident and five.
        y += 8;
        using var key = new SKPaint { Color = Muted.WithAlpha(0x90), IsAntialias = true };
        var x = box.Left + pad;
        var keyCenter = y + Radius(5);
        foreach (var n in new[] { 1, 5 })
        {
            canvas.DrawCircle(x + Radius(n), keyCenter, Radius(n), key);
            var label = n.ToString(CultureInfo.InvariantCulture);
            text.Draw(canvas, label, x + Radius(n) * 2 + 4, keyCenter + 5, 13, Muted, SKColors.Transparent);
            x += Radius(n) * 2 + 4 + text.Width(label, 13) + 12;
        }

        text.Draw(canvas, keyText, x, keyCenter + 5, 13, Muted, SKColors.Transparent);
        y += Radius(5) * 2 + 8;
        if (note is not null)
        {
            text.Draw(canvas, note, box.Left + pad, y + line / 2 + 5, 13, Muted, SKColors.Transparent);
        }

        return box;
    }

    private static void DrawAttribution(SKCanvas canvas, MapText text, List<SKRect> taken)
    {
        const string credit = "Places: OpenSyria / OCHA (CC BY 4.0), Wikipedia · Euphrates approximate";
        var bounds = canvas.DeviceClipBounds;
        var width = text.Width(credit, 11);
        var rect = new SKRect(bounds.Right - 12 - width - 6, bounds.Bottom - 26, bounds.Right - 6, bounds.Bottom - 6);
        using (var paint = new SKPaint { Color = SKColors.White.WithAlpha(0xC0) })
        {
            canvas.DrawRect(rect, paint);
        }

        text.Draw(canvas, credit, rect.Left + 6, bounds.Bottom - 12, 11, Muted, SKColors.Transparent);
        taken.Add(rect);
    }

    /// <summary>
    /// The place's names by a mark: Arabic above and English below (or the one language asked for), or else to the
    /// right, or to the left; not drawn where every position overlaps something already there.
    /// </summary>
    private static void Label(SKCanvas canvas, MapText text, SKPoint at, float radius, Place place, ChatLanguage language, float size, SKColor color, List<SKRect> taken, int counted)
    {
        var english = counted > 1 ? $"{place.NameEn} · {counted.ToString(CultureInfo.InvariantCulture)}" : place.NameEn;
        var arabic = AlertRenderer.ArabicName(place);
        var lines = language switch
        {
            ChatLanguage.Ar => new[] { arabic },
            ChatLanguage.En => [english],
            _ => [arabic, english],
        };
        var widths = lines.Select(l => text.Width(l, size)).ToArray();
        var lineHeight = size * 1.35f;
        var blockHeight = lineHeight * lines.Length;
        var maxWidth = widths.Max();

        // Candidate tops-left of the block: stacked above and below the mark, right of it, left of it.
        var candidates = new List<(SKRect Block, bool Centered)>();
        if (lines.Length == 2)
        {
            candidates.Add((new SKRect(at.X - maxWidth / 2, at.Y - radius - 4 - lineHeight, at.X + maxWidth / 2, at.Y + radius + 4 + lineHeight), true));
        }

        candidates.Add((new SKRect(at.X + radius + 6, at.Y - blockHeight / 2, at.X + radius + 6 + maxWidth, at.Y + blockHeight / 2), false));
        candidates.Add((new SKRect(at.X - radius - 6 - maxWidth, at.Y - blockHeight / 2, at.X - radius - 6, at.Y + blockHeight / 2), false));
        candidates.Add((new SKRect(at.X - maxWidth / 2, at.Y - radius - 4 - blockHeight, at.X + maxWidth / 2, at.Y - radius - 4), true));

        var bounds = canvas.DeviceClipBounds;
        foreach (var (block, centered) in candidates)
        {
            if (block.Left < 4 || block.Right > bounds.Right - 4 || block.Top < TitleHeight || block.Bottom > bounds.Bottom - 4)
            {
                continue;
            }

            var rects = new List<SKRect>();
            if (centered && lines.Length == 2)
            {
                // Arabic above the mark, English below it.
                rects.Add(new SKRect(at.X - widths[0] / 2, block.Top, at.X + widths[0] / 2, block.Top + lineHeight));
                rects.Add(new SKRect(at.X - widths[1] / 2, block.Bottom - lineHeight, at.X + widths[1] / 2, block.Bottom));
            }
            else
            {
                for (var i = 0; i < lines.Length; i++)
                {
                    // Right of the mark lines start at its side; left of it they end there.
                    var left = centered ? at.X - widths[i] / 2 : block.Left < at.X ? block.Right - widths[i] : block.Left;
                    rects.Add(new SKRect(left, block.Top + i * lineHeight, left + widths[i], block.Top + (i + 1) * lineHeight));
                }
            }

            if (rects.Any(r => Overlaps(r, taken)))
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                text.Draw(canvas, lines[i], rects[i].Left, rects[i].Bottom - lineHeight * 0.3f, size, color, Halo);
                taken.Add(rects[i]);
            }

            return;
        }
    }

    private static bool Overlaps(SKRect rect, List<SKRect> taken)
    {
        foreach (var t in taken)
        {
            if (rect.IntersectsWith(t))
            {
                return true;
            }
        }

        return false;
    }

    private static SKRect Circle(SKPoint c, float r) => new(c.X - r, c.Y - r, c.X + r, c.Y + r);

    /// <summary>Area grows with the number of events: 1 → 8 px, 4 → 14 px, 25 → 33 px, at most 44 px.</summary>
    private static float Radius(int count) => Math.Min(44f, 4f + 4f * MathF.Sqrt(Math.Max(1, count)) + (count > 1 ? 2f : 0f));

    private static int TypeOrder(string type)
    {
        for (var i = 0; i < EventTypes.All.Count; i++)
        {
            if (EventTypes.All[i].Id == type)
            {
                return i;
            }
        }

        return EventTypes.All.Count;
    }

    /// <summary>Equirectangular at the map's middle latitude, fitted into the drawing area with a margin.</summary>
    private sealed class Projection
    {
        private double _minLon, _maxLat, _scale, _lonFactor;
        private SKRect _area;

        public static Projection Fit(IEnumerable<(double Lat, double Lon)> points, SKRect area)
        {
            var list = points.ToList();
            var south = Math.Max(MinLat, list.Min(p => p.Lat));
            var north = Math.Min(MaxLat, list.Max(p => p.Lat));
            var west = Math.Max(MinLon, list.Min(p => p.Lon));
            var east = Math.Min(MaxLon, list.Max(p => p.Lon));
            var lonFactor = Math.Cos((south + north) / 2 * Math.PI / 180);

            // A margin of a tenth on each side, and never less than 0.3° across.
            var latSpan = Math.Max(0.3, north - south) * 1.2;
            var lonSpan = Math.Max(0.3, east - west) * 1.2;
            var midLat = (south + north) / 2;
            var midLon = (west + east) / 2;
            var scale = Math.Min(area.Width / (lonSpan * lonFactor), area.Height / latSpan);
            var p = new Projection
            {
                _lonFactor = lonFactor,
                _scale = scale,
                _area = area,
                _minLon = midLon - area.Width / scale / lonFactor / 2,
                _maxLat = midLat + area.Height / scale / 2,
            };
            return p;
        }

        public SKPoint Map(double lat, double lon) =>
            new((float)(_area.Left + (lon - _minLon) * _lonFactor * _scale), (float)(_area.Top + (_maxLat - lat) * _scale));

        public bool Contains(SKPoint p) => _area.Contains(p);
    }
}
