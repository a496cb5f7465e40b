using System.Collections.Concurrent;
using AlertBot.Extraction;

namespace AlertBot.Core.Digests;

/// <summary>
/// Whether an event passes a <see cref="DigestFilter"/>: a place of the event lies in one of the filter's places (or is
/// one), one of its actors is a filter actor or a member of a filter group, one of its types is a filter type. The
/// areas of each place and the groups of each actor are worked out once per id.
/// </summary>
public sealed class DigestFilterMatcher(Gazetteer gazetteer)
{
    private readonly ConcurrentDictionary<string, string[]> _areas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _groups = new(StringComparer.Ordinal);

    public Gazetteer Gazetteer => gazetteer;

    /// <summary>The place and every area it lies in, nearest first.</summary>
    public string[] AreasOf(string placeId) =>
        _areas.GetOrAdd(placeId, id => [id, .. gazetteer.AncestorsOf(id).Select(a => a.Id)]);

    /// <summary>The actor and every group it belongs to, nearest first.</summary>
    public string[] GroupsOf(string actorId) =>
        _groups.GetOrAdd(actorId, id => [id, .. ActorTaxonomy.WithGroups(id).Skip(1).Select(a => a.Id)]);

    public bool Matches(DigestFilter filter, DigestEvent e) =>
        Matches(filter, e.PlaceIds, e.ActorIds, e.EventTypes);

    public bool Matches(DigestFilter filter, IReadOnlyList<string> placeIds, IReadOnlyList<string> actorIds, IReadOnlyList<string> eventTypes)
    {
        if (filter.EventTypes.Count > 0 && !AnyIn(eventTypes, filter.EventTypes))
        {
            return false;
        }

        if (filter.PlaceIds.Count > 0 && !AnyWithin(placeIds, filter.PlaceIds, AreasOf))
        {
            return false;
        }

        return filter.ActorIds.Count == 0 || AnyWithin(actorIds, filter.ActorIds, GroupsOf);
    }

    /// <summary>
    /// The filter's places with every place inside them, for a database query (an event matches when it names one).
    /// Null when the filter takes every place.
    /// </summary>
    public IReadOnlyList<string>? PlacesWithin(DigestFilter filter) =>
        filter.PlaceIds.Count == 0
            ? null
            : gazetteer.Places.Select(p => p.Id).Concat(filter.PlaceIds)
                .Where(id => AreasOf(id).Any(a => filter.PlaceIds.Contains(a, StringComparer.Ordinal)))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The filter's actors with every member of the filter's groups, for a database query; null for every actor.</summary>
    public IReadOnlyList<string>? ActorsWithin(DigestFilter filter) =>
        filter.ActorIds.Count == 0
            ? null
            : ActorTaxonomy.All.Select(a => a.Id).Concat(filter.ActorIds)
                .Where(id => GroupsOf(id).Any(g => filter.ActorIds.Contains(g, StringComparer.Ordinal)))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static bool AnyIn(IReadOnlyList<string> values, IReadOnlyList<string> wanted)
    {
        foreach (var v in values)
        {
            for (var i = 0; i < wanted.Count; i++)
            {
                if (string.Equals(v, wanted[i], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AnyWithin(IReadOnlyList<string> ids, IReadOnlyList<string> wanted, Func<string, string[]> containers)
    {
        foreach (var id in ids)
        {
            foreach (var container in containers(id))
            {
                for (var i = 0; i < wanted.Count; i++)
                {
                    if (string.Equals(container, wanted[i], StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
