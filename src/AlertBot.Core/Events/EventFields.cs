using AlertBot.Extraction;

namespace AlertBot.Core.Events;

/// <summary>
/// How an event's fields and aggregates follow from its reports: the one place that computes its sources and outlets,
/// its first and last report, its date and the time span of the incident, and what a report adds to it. Ingestion,
/// merge, split and auto-confirm all use these, so the queue, the API and the alerts agree.
/// </summary>
public static class EventFields
{
    /// <summary>Syria's time zone: a report's day is its day there.</summary>
    public static TimeZoneInfo LocalZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Damascus");

    /// <summary>Independent outlets: different source names, ignoring case and surrounding spaces.</summary>
    public static int Outlets(IEnumerable<string> sources) =>
        sources.Select(s => s.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Different outlets among the reports whose tier is <paramref name="maxTier"/> or better (for auto-confirm).</summary>
    public static int TrustedOutlets(IEnumerable<Report> reports, int maxTier) =>
        Outlets(reports.Where(r => r.Tier is { } tier && tier <= maxTier).Select(r => r.Source));

    /// <summary>When the report was made public: its publication time, unless that is missing or later than its arrival.</summary>
    public static DateTimeOffset ReportedAt(Report report) => ReportedAt(report.PublishedAt, report.ReceivedAt);

    /// <inheritdoc cref="ReportedAt(Report)"/>
    public static DateTimeOffset ReportedAt(DateTimeOffset? publishedAt, DateTimeOffset receivedAt) =>
        publishedAt is { } published && published < receivedAt ? published : receivedAt;

    /// <summary>The local (Syrian) day of an instant.</summary>
    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, LocalZone).DateTime);

    /// <summary>The day of the incident: the extractor's date (relative words read against the publication), else the day it was reported.</summary>
    public static DateOnly IncidentDate(Report report) => report.EventDate ?? LocalDay(ReportedAt(report));

    /// <summary>When the incident of the report can have happened (see <see cref="IncidentSpan.Of"/>).</summary>
    public static IncidentSpan Span(Report report, TimeSpan window) => IncidentSpan.Of(ReportedAt(report), report.EventDate, window);

    /// <summary>When the incident of the event can have happened: the hull of its reports' spans (null without reports).</summary>
    public static IncidentSpan? Span(IEnumerable<Report> reports, TimeSpan window)
    {
        IncidentSpan? hull = null;
        foreach (var report in reports)
        {
            var span = Span(report, window);
            hull = hull is { } known ? known.Hull(span) : span;
        }

        return hull;
    }

    /// <summary>
    /// The aggregates of an event from the reports it holds now: how many reports and outlets, the first and last
    /// report, and the incident's date (the earliest of its reports). An event left without reports (merged away)
    /// counts none and keeps its times.
    /// </summary>
    public static void Recount(Event incident, IReadOnlyCollection<Report> reports)
    {
        incident.SourceCount = reports.Count;
        incident.OutletCount = Outlets(reports.Select(r => r.Source));
        if (reports.Count > 0)
        {
            incident.FirstReportAt = reports.Min(ReportedAt);
            incident.LastReportAt = reports.Max(ReportedAt);
            incident.EventDate = reports.Min(IncidentDate);
        }
    }

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

        // A role the event does not know yet comes from the report; a known one stays (the first report's, or a moderator's).
        foreach (var (actor, role) in report.ActorRoles.Where(r => incident.ActorIds.Contains(r.Key) && !incident.ActorRoles.ContainsKey(r.Key)))
        {
            incident.ActorRoles[actor] = role;
        }

        foreach (var (key, value) in report.Counts)
        {
            if (!incident.Counts.TryGetValue(key, out var known) || value > known)
            {
                incident.Counts[key] = value;
            }
        }
    }

    /// <summary>
    /// What the report says that the event does not: a place it does not name (not an area around one it names), an
    /// actor it does not name (nor a group of one), a count it lacks or gives otherwise. Empty for a true repeat.
    /// </summary>
    public static IReadOnlyList<string> News(
        IReadOnlyList<string> placeIds, IReadOnlyList<string> actorIds, IReadOnlyDictionary<string, int> counts, Report report, EventClustering clustering)
    {
        var news = new List<string>();
        foreach (var place in report.PlaceIds.Where(p => !placeIds.Contains(p) && !placeIds.Any(known => clustering.IsWithin(known, p))))
        {
            news.Add("place " + place);
        }

        var knownActors = actorIds.SelectMany(ActorTaxonomy.WithGroups).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var actor in report.ActorIds.Where(a => !knownActors.Contains(a)))
        {
            news.Add("actor " + actor);
        }

        foreach (var (key, value) in report.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!counts.TryGetValue(key, out var known))
            {
                news.Add(FormattableString.Invariant($"count {key}={value}"));
            }
            else if (known != value)
            {
                news.Add(FormattableString.Invariant($"count {key}={value} (event: {known})"));
            }
        }

        return news;
    }

    /// <summary>The fields read from a set of reports: types and places in order of how many reports name them, the highest counts, and the aggregates.</summary>
    public static void FromReports(Event incident, IReadOnlyCollection<Report> reports)
    {
        incident.EventTypes = Ranked(reports.SelectMany(r => r.EventTypes));
        incident.PlaceIds = Ranked(reports.SelectMany(r => r.PlaceIds));
        incident.ActorIds = Ranked(reports.SelectMany(r => r.ActorIds));
        incident.ActorRoles = Roles(reports);
        incident.Counts = reports.SelectMany(r => r.Counts).GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(c => c.Value));
        Recount(incident, reports);
    }

    /// <summary>Each actor's role as most of the reports that give one say it (the earlier report on a tie).</summary>
    public static Dictionary<string, string> Roles(IEnumerable<Report> reports) =>
        reports.SelectMany((r, order) => r.ActorRoles.Select(kv => (Actor: kv.Key, Role: kv.Value, Order: order)))
            .GroupBy(x => x.Actor, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(x => x.Role, StringComparer.Ordinal).OrderByDescending(r => r.Count()).ThenBy(r => r.Min(x => x.Order)).First().Key,
                StringComparer.Ordinal);

    private static List<string> Ranked(IEnumerable<string> ids) =>
        ids.GroupBy(x => x, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
}

/// <summary>How two incidents stand in time.</summary>
public enum TimeFit
{
    /// <summary>Their spans overlap: within the window of each other, or the same day when one only gives its day.</summary>
    Within,

    /// <summary>On the same local day, but further apart than the window.</summary>
    SameDay,

    /// <summary>On different local days, without overlap.</summary>
    Apart,
}

/// <summary>
/// When an incident can have happened, as instants. A report about its own day (no date read, or the day it was
/// published) saw the incident at most a window before its publication, and never on an earlier local day: the span
/// is [published − window, published], cut at local midnight. A report about another day (yesterday, a date) gives
/// that whole local day, up to its publication; so does a publication at local midnight on the dot, which is a date
/// without a time. Two incidents are one only when their spans overlap, so reports of
/// different local days are never joined unless one of them speaks of the other's day.
/// </summary>
public readonly record struct IncidentSpan(DateTimeOffset From, DateTimeOffset To)
{
    public static IncidentSpan Of(DateTimeOffset reportedAt, DateOnly? eventDate, TimeSpan window)
    {
        var day = EventFields.LocalDay(reportedAt);
        var date = eventDate ?? day;
        if (date == day && reportedAt == StartOf(day))
        {
            // Published at local midnight on the dot: a date without a time (an import's yyyy-MM-dd), so the whole day.
            return new(reportedAt, StartOf(day.AddDays(1)));
        }

        if (date == day)
        {
            var midnight = StartOf(day);
            var from = reportedAt - window;
            return new(from < midnight ? midnight : from, reportedAt);
        }

        var start = StartOf(date);
        var end = StartOf(date.AddDays(1));
        return new(start, reportedAt > start && reportedAt < end ? reportedAt : end);
    }

    /// <summary>The first instant of a local day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (EventFields.LocalZone.IsInvalidTime(local))
        {
            // A clock change at midnight skips it: the day starts at the first time that exists.
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, EventFields.LocalZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public bool Overlaps(IncidentSpan other) => From <= other.To && other.From <= To;

    public IncidentSpan Hull(IncidentSpan other) => new(From < other.From ? From : other.From, To > other.To ? To : other.To);

    public DateOnly FirstDay => EventFields.LocalDay(From);

    public DateOnly LastDay => EventFields.LocalDay(To > From ? To.AddTicks(-1) : To);

    public TimeFit FitWith(IncidentSpan other) =>
        Overlaps(other) ? TimeFit.Within
        : FirstDay <= other.LastDay && other.FirstDay <= LastDay ? TimeFit.SameDay
        : TimeFit.Apart;
}
