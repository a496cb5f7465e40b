using System.Globalization;

namespace AlertBot.Core.Events;

/// <summary>The rules that place a report, as the audit log names them.</summary>
public static class PlacementRules
{
    /// <summary>No event of the same kind at that place: a new pending event.</summary>
    public const string NewIncident = "new-incident";

    /// <summary>An event of the same kind at that place exists, but on another local day: a new pending event, not linked.</summary>
    public const string NewTime = "new-time";

    /// <summary>The same incident as a pending event: the report joins it and adds its details.</summary>
    public const string JoinedPending = "joined-pending";

    /// <summary>A true repeat of a confirmed or rejected event (nothing new): the report joins it as a source; the decision stands.</summary>
    public const string JoinedRepeat = "joined-repeat";

    /// <summary>A decided event's incident with something new (a place, an actor, a count): a new pending event linked to it.</summary>
    public const string LinkedNews = "linked-news";

    /// <summary>A retracted event's incident: a new pending event linked to it, never a silent source of a retraction.</summary>
    public const string LinkedRetracted = "linked-retracted";

    /// <summary>An event of the same kind at that place the same local day, but outside the time window: a new pending event linked to it.</summary>
    public const string LinkedTime = "linked-time";
}

/// <summary>An event clustering may place a report in: its status, what it compares with, and what moderators decided.</summary>
public sealed record PlacementCandidate(
    long Id,
    EventStatus Status,
    IncidentFeatures Features,
    IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Where a report goes: into <see cref="JoinEventId"/>, or into a new pending event (linked to <see cref="LinkedEventId"/>
/// when set), by <see cref="Rule"/>, with the reason in words.
/// </summary>
public sealed record Placement(string Rule, long? JoinEventId, long? LinkedEventId, string Detail);

/// <summary>
/// Places a report among the events it could belong to. A new incident must never be swallowed: a report joins a
/// decided event only when it is a true repeat of it (same time, nothing new, and the event not retracted); anything
/// else goes to the moderators as a pending event, linked to the decided one when it may be the same.
/// </summary>
public sealed class ReportPlacement(EventClustering clustering)
{
    public Placement Place(Report report, IncidentFeatures features, IReadOnlyList<PlacementCandidate> candidates)
    {
        var alike = candidates
            .Where(c => c.Status != EventStatus.Merged)
            .Select(c => (Candidate: c, Likeness: clustering.Likeness(features, c.Features), Fit: Fit(features, c.Features)))
            .Where(x => x.Likeness + 1 >= EventClustering.JoinThreshold)
            .ToList();
        var within = alike
            .Where(x => x.Fit == TimeFit.Within)
            .Select(x => (x.Candidate, Score: clustering.Score(features, x.Candidate.Features)))
            .Where(x => x.Score >= EventClustering.JoinThreshold)
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Candidate.Id)
            .Select(x => x.Candidate)
            .ToList();

        if (within.Count > 0)
        {
            var best = within[0];
            var pending = within.FirstOrDefault(c => c.Status == EventStatus.Pending);
            if (best.Status == EventStatus.Pending)
            {
                return new(PlacementRules.JoinedPending, best.Id, null, $"same incident as pending event {best.Id}");
            }

            var news = EventFields.News(best.Features.Places, best.Features.Actors, best.Counts, report, clustering);
            var status = best.Status.ToString().ToLowerInvariant();
            if (news.Count == 0 && best.Status != EventStatus.Retracted)
            {
                return new(PlacementRules.JoinedRepeat, best.Id, null, $"repeats {status} event {best.Id} with nothing new; the decision stands");
            }

            var why = best.Status == EventStatus.Retracted
                ? $"same incident as retracted event {best.Id}"
                : $"same incident as {status} event {best.Id}, adds {string.Join(", ", news)}";
            if (pending is not null)
            {
                // Moderators already have a pending event of this incident: the report adds to it rather than opening a third.
                return new(PlacementRules.JoinedPending, pending.Id, null, $"{why}; joins pending event {pending.Id} of the same incident");
            }

            return new(best.Status == EventStatus.Retracted ? PlacementRules.LinkedRetracted : PlacementRules.LinkedNews, null, best.Id, why);
        }

        var sameDay = alike.Where(x => x.Fit == TimeFit.SameDay).OrderByDescending(x => x.Likeness).ThenByDescending(x => x.Candidate.Id).FirstOrDefault();
        if (sameDay.Candidate is { } earlier)
        {
            return new(PlacementRules.LinkedTime, null, earlier.Id,
                $"same kind and place as {earlier.Status.ToString().ToLowerInvariant()} event {earlier.Id} the same day, but more than the time window apart");
        }

        var other = alike.OrderByDescending(x => x.Likeness).ThenByDescending(x => x.Candidate.Id).FirstOrDefault();
        if (other.Candidate is { } apart)
        {
            return new(PlacementRules.NewTime, null, null,
                string.Create(CultureInfo.InvariantCulture, $"same kind and place as event {apart.Id}, but on another day: a new incident"));
        }

        return new(PlacementRules.NewIncident, null, null, "no event of this kind at this place and time");
    }

    private static TimeFit Fit(IncidentFeatures report, IncidentFeatures incident)
    {
        if (report.Span is { } a && incident.Span is { } b)
        {
            return a.FitWith(b);
        }

        // Without spans, the day rule of Score: at most a day apart.
        return Math.Abs(report.Date.DayNumber - incident.Date.DayNumber) <= 1 ? TimeFit.Within : TimeFit.Apart;
    }
}
