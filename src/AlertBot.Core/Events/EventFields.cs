namespace AlertBot.Core.Events;

/// <summary>How an event's fields follow from its reports.</summary>
public static class EventFields
{
    /// <summary>Independent outlets: different source names, ignoring case and surrounding spaces.</summary>
    public static int Outlets(IEnumerable<string> sources) =>
        sources.Select(s => s.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count();

    /// <summary>A later report adds places (more precise ones; not the areas that already contain a known place), actors and higher counts.</summary>
    public static void AddDetails(Event incident, Report report, EventClustering clustering)
    {
        foreach (var place in report.PlaceIds.Where(p => !incident.PlaceIds.Contains(p)))
        {
            if (!incident.PlaceIds.Any(known => clustering.IsWithin(known, place)))
            {
                incident.PlaceIds.Add(place);
            }
        }

        foreach (var actor in report.ActorIds.Where(a => !incident.ActorIds.Contains(a)))
        {
            incident.ActorIds.Add(actor);
        }

        foreach (var (key, value) in report.Counts)
        {
            if (!incident.Counts.TryGetValue(key, out var known) || value > known)
            {
                incident.Counts[key] = value;
            }
        }
    }

    /// <summary>The fields read from a set of reports: types and places in order of how many reports name them, the highest counts.</summary>
    public static void FromReports(Event incident, IReadOnlyCollection<Report> reports)
    {
        incident.EventTypes = Ranked(reports.SelectMany(r => r.EventTypes));
        incident.PlaceIds = Ranked(reports.SelectMany(r => r.PlaceIds));
        incident.ActorIds = Ranked(reports.SelectMany(r => r.ActorIds));
        incident.Counts = reports.SelectMany(r => r.Counts).GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(c => c.Value));
        incident.SourceCount = reports.Count;
        incident.OutletCount = Outlets(reports.Select(r => r.Source));
        if (reports.Count > 0)
        {
            incident.FirstReportAt = reports.Min(r => r.PublishedAt ?? r.ReceivedAt);
            incident.LastReportAt = reports.Max(r => r.PublishedAt ?? r.ReceivedAt);
        }
    }

    private static List<string> Ranked(IEnumerable<string> ids) =>
        ids.GroupBy(x => x, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
}
