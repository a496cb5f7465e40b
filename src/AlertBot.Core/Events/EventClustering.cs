using AlertBot.Extraction;

namespace AlertBot.Core.Events;

/// <summary>What clustering compares: the structured fields of a report or an event, and some of its text.</summary>
public sealed record IncidentFeatures(
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Places,
    IReadOnlyList<string> Actors,
    DateOnly Date,
    IReadOnlyList<(string Language, string Text)> Texts,
    IncidentSpan? Span = null);

/// <summary>
/// Decides whether a report describes the same incident as an event. Hard conditions: compatible types (the same type,
/// or two kinds of remote attack that outlets confuse, such as shelling and rockets, at the very same place), places that
/// overlap up or down the gazetteer hierarchy, and times that fit: when both sides carry an <see cref="IncidentSpan"/>,
/// the spans overlap (within the window, never across local days without overlap); otherwise dates at most a day apart.
/// Among the events that pass, the best score wins: exact type, exact place, same time, shared actors and, for reports in
/// one language, similar words. Across languages the structured fields carry the comparison, since they are read into the
/// same ids from Arabic and English.
/// </summary>
public sealed class EventClustering(Gazetteer gazetteer)
{
    /// <summary>The score an event needs for a report to join it.</summary>
    public const double JoinThreshold = 2.2;

    /// <summary>How many characters of each text are compared.</summary>
    public const int TextPrefix = 2000;

    private static readonly HashSet<string> RemoteAttacks = new(StringComparer.Ordinal) { "shelling", "rocket_attack", "drone_attack", "airstrike" };

    /// <summary>The score of the pair, or null when they cannot be one incident.</summary>
    public double? Score(IncidentFeatures report, IncidentFeatures incident)
    {
        if (Likeness(report, incident) is not { } likeness)
        {
            return null;
        }

        if (report.Span is { } reportSpan && incident.Span is { } incidentSpan)
        {
            return reportSpan.FitWith(incidentSpan) == TimeFit.Within ? likeness + 1 : null;
        }

        var days = Math.Abs(report.Date.DayNumber - incident.Date.DayNumber);
        return days switch
        {
            0 => likeness + 1,
            1 => likeness + 0.5,
            _ => null,
        };
    }

    /// <summary>
    /// How alike the pair is in everything but time (type, place, actors, words), or null when type or place rule it
    /// out; <see cref="Score"/> adds the time. A pair that would join if it were at the same time scores
    /// <see cref="JoinThreshold"/> − 1 or more.
    /// </summary>
    public double? Likeness(IncidentFeatures report, IncidentFeatures incident)
    {
        double types;
        if (report.Types.Intersect(incident.Types, StringComparer.Ordinal).Any())
        {
            types = 1;
        }
        else if (report.Types.Any(RemoteAttacks.Contains) && incident.Types.Any(RemoteAttacks.Contains))
        {
            types = 0.5;
        }
        else
        {
            return null;
        }

        var places = PlaceOverlap(report.Places, incident.Places);
        if (places is null || (types < 1 && places < 1))
        {
            return null;
        }

        return types + places.Value + ActorAgreement(report.Actors, incident.Actors) + TextSimilarity(report.Texts, incident.Texts);
    }

    /// <summary>True when the place <paramref name="id"/> is <paramref name="containerId"/> or lies within it.</summary>
    public bool IsWithin(string id, string containerId) => gazetteer.IsWithin(id, containerId);

    /// <summary>1 for a shared place, less for a place inside another (the wider the container, the less), null for none.</summary>
    public double? PlaceOverlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        double? best = null;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                double? score = x == y ? 1
                    : gazetteer.IsWithin(x, y) ? Containment(y)
                    : gazetteer.IsWithin(y, x) ? Containment(x)
                    : null;
                if (score > (best ?? 0))
                {
                    best = score;
                }
            }
        }

        return best;
    }

    private double Containment(string containerId) => gazetteer.Find(containerId)?.Kind switch
    {
        "country" or "region" or "governorate" => 0.3,
        "district" or "subdistrict" => 0.5,
        _ => 0.7,
    };

    private static double ActorAgreement(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var left = a.SelectMany(id => ActorTaxonomy.WithGroups(id)).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        return b.SelectMany(id => ActorTaxonomy.WithGroups(id)).Any(x => left.Contains(x.Id)) ? 0.5 : -0.3;
    }

    /// <summary>Word-set overlap (Jaccard) of the most similar pair of texts in one language, 0 when none shares a language.</summary>
    public static double TextSimilarity(IReadOnlyList<(string Language, string Text)> a, IReadOnlyList<(string Language, string Text)> b)
    {
        var best = 0.0;
        foreach (var (la, ta) in a)
        {
            var wa = Words(ta);
            foreach (var (_, tb) in b.Where(x => x.Language == la))
            {
                var wb = Words(tb);
                var union = wa.Union(wb).Count();
                if (union > 0)
                {
                    best = Math.Max(best, (double)wa.Intersect(wb).Count() / union);
                }
            }
        }

        return best;
    }

    private static HashSet<string> Words(string text) =>
        ReportFingerprint.Normalise(text.Length > TextPrefix ? text[..TextPrefix] : text)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3)
            .ToHashSet(StringComparer.Ordinal);
}
