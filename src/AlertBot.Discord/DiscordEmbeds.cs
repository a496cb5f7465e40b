using System.Globalization;
using AlertBot.Core.Rendering;
using AlertBot.Extraction;

namespace AlertBot.Discord;

/// <summary>
/// An alert in a server channel as a bilingual embed: the title names the event's types and first place in English
/// and Arabic (marked when retracted), the description is the alert as written for the channel's languages, fields
/// list the places, actors, counts and sources, the colour tells the event type, and the timestamp is the event's time.
/// Within Discord's limits: title 256, description 4,096, field values 1,024, 6,000 in all.
/// </summary>
internal static class DiscordEmbeds
{
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFieldValue = 1024;

    private const int Retracted = 0x95A5A6;

    private static readonly Dictionary<string, int> Colours = new(StringComparer.Ordinal)
    {
        ["shelling"] = 0xE67E22,
        ["rocket_attack"] = 0xE74C3C,
        ["drone_attack"] = 0x9B59B6,
        ["airstrike"] = 0xC0392B,
        ["evacuation"] = 0x3498DB,
        ["reinforcement"] = 0x1ABC9C,
        ["clash"] = 0xF1C40F,
    };

    public static Embed Alert(AlertView alert, string description, Gazetteer gazetteer)
    {
        var types = alert.EventTypes.Select(t => EventTypes.Find(t) is { } type ? (type.NameEn, type.NameAr) : (t, t)).ToList();
        var places = alert.PlaceIds.Select(p => gazetteer.Find(p) is { } place ? (place.NameEn, place.NameAr) : (p, p)).ToList();
        var title = string.Join(", ", types.Select(t => t.Item1)) + (places.Count > 0 ? " — " + places[0].Item1 : string.Empty)
            + " · " + string.Join("، ", types.Select(t => t.Item2)) + (places.Count > 0 ? " — " + places[0].Item2 : string.Empty);
        if (alert.State == AlertState.Retracted)
        {
            title = "RETRACTED · سُحب — " + title;
        }

        var fields = new List<EmbedField>();
        Field(fields, "Places · الأماكن", places.Select(p => $"{p.Item1} · {p.Item2}"));
        Field(fields, "Actors · الجهات", alert.ActorIds.Select(a => ActorRoleText.Bilingual(a, alert.ActorRoles)));
        Field(fields, "Counts · الأعداد", AlertRenderer.OrderedCounts(alert.Counts)
            .Select(c => $"{AlertRenderer.EnglishCount(c.Key, c.Value)} · {AlertRenderer.ArabicCount(c.Key, c.Value)}"));
        var sources = alert.Sources.Take(AlertRenderer.MaxSourcesShown).Select(s => s.Url is { Scheme: "http" or "https" } url
            ? $"[{DiscordMessages.Escape(s.Outlet)}](<{url.AbsoluteUri.Replace(">", "%3E", StringComparison.Ordinal)}>)"
            : DiscordMessages.Escape(s.Outlet)).ToList();
        if (sources.Count > 0)
        {
            var count = alert.IndependentSources.ToString(CultureInfo.InvariantCulture);
            fields.Add(new EmbedField($"Sources · المصادر ({count})", Cut(string.Join("\n", sources), MaxFieldValue), Inline: false));
        }

        return new Embed
        {
            Title = Cut(title, MaxTitle),
            Description = Cut(description, MaxDescription),
            Color = alert.State == AlertState.Retracted ? Retracted : alert.EventTypes.Select(t => Colours.GetValueOrDefault(t)).FirstOrDefault(c => c != 0),
            Timestamp = alert.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            Fields = fields,
            Footer = new EmbedFooter("Event #" + alert.EventId.ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static void Field(List<EmbedField> fields, string name, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            fields.Add(new EmbedField(name, Cut(DiscordMessages.Escape(string.Join("\n", list)), MaxFieldValue), Inline: true));
        }
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        while (cut > 0 && (char.IsLowSurrogate(text[cut]) || text[cut - 1] == '\\'))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
