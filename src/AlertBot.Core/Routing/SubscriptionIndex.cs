using System.Runtime.InteropServices;
using AlertBot.Extraction;

namespace AlertBot.Core.Routing;

public enum DeliveryMode : byte
{
    Instant = 0,
    DigestOnly = 1,
}

/// <summary>
/// What a chat asked for. Each of place, actor and type narrows the match; null means "any"; at least one is set.
/// A place matches events in it or anywhere below it; an actor group matches its members.
/// </summary>
public sealed record SubscriptionEntry(long Id, long RecipientId, string? PlaceId, string? ActorId, string? EventType, DeliveryMode Mode);

/// <summary>What routing knows of an event: its types, places and actors.</summary>
public sealed record RoutingSubject(IReadOnlyCollection<string> EventTypes, IReadOnlyCollection<string> PlaceIds, IReadOnlyCollection<string> ActorIds);

/// <summary>One recipient an event is for; when several of its subscriptions match, instant wins over digest-only.</summary>
public readonly record struct RouteMatch(long RecipientId, long SubscriptionId, DeliveryMode Mode);

/// <summary>
/// Finds the subscribers of an event without scanning subscriptions. Subscriptions sit in buckets keyed by
/// (place, actor, type), wildcards included; an event looks up only the keys it can match: each of its places and
/// their ancestors, each of its actors and their groups, each of its types, each also as "any". The work is
/// proportional to the matches, not to the number of subscriptions. Thread-safe: many readers, one writer at a time.
/// </summary>
public sealed class SubscriptionIndex : IDisposable
{
    private const int Any = 0;

    private readonly Gazetteer _gazetteer;
    private readonly Dictionary<string, int> _places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    // Buckets hold structs, not the entries: one array per bucket, nothing per subscription for the GC to trace.
    private readonly Dictionary<long, List<Slot>> _buckets = [];
    private readonly Dictionary<long, long> _keyOfSubscription = [];
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    public SubscriptionIndex(Gazetteer gazetteer) => _gazetteer = gazetteer;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _keyOfSubscription.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds or replaces a subscription (by id).</summary>
    public void Upsert(SubscriptionEntry subscription)
    {
        if (subscription.PlaceId is null && subscription.ActorId is null && subscription.EventType is null)
        {
            throw new ArgumentException("a subscription needs a place, an actor or an event type", nameof(subscription));
        }

        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(subscription.Id);
            var key = Key(Intern(_places, subscription.PlaceId), Intern(_actors, subscription.ActorId), Intern(_types, subscription.EventType));
            ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, key, out _);
            (bucket ??= []).Add(new Slot(subscription.RecipientId, subscription.Id, subscription.Mode));
            _keyOfSubscription[subscription.Id] = key;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long subscriptionId)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(subscriptionId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Every recipient the event is for, once each, in no particular order.</summary>
    public List<RouteMatch> Match(RoutingSubject subject)
    {
        var places = Expand(subject.PlaceIds, _places, id => _gazetteer.AncestorsOf(id).Select(p => p.Id));
        var actors = Expand(subject.ActorIds, _actors, id => ActorTaxonomy.WithGroups(id).Select(a => a.Id));
        var types = Expand(subject.EventTypes, _types, _ => []);

        _lock.EnterReadLock();
        try
        {
            var buckets = new List<List<Slot>>();
            var total = 0;
            foreach (var place in places)
            {
                foreach (var actor in actors)
                {
                    foreach (var type in types)
                    {
                        if ((place | actor | type) != Any && _buckets.TryGetValue(Key(place, actor, type), out var bucket))
                        {
                            buckets.Add(bucket);
                            total += bucket.Count;
                        }
                    }
                }
            }

            var byRecipient = new Dictionary<long, RouteMatch>(total);
            foreach (var bucket in buckets)
            {
                foreach (ref readonly var s in CollectionsMarshal.AsSpan(bucket))
                {
                    ref var match = ref CollectionsMarshal.GetValueRefOrAddDefault(byRecipient, s.RecipientId, out var exists);
                    if (!exists || (match.Mode == DeliveryMode.DigestOnly && s.Mode == DeliveryMode.Instant))
                    {
                        match = new RouteMatch(s.RecipientId, s.SubscriptionId, s.Mode);
                    }
                }
            }

            return [.. byRecipient.Values];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private static long Key(int place, int actor, int type) => ((long)place << 42) | ((long)actor << 21) | (uint)type;

    private bool RemoveLocked(long subscriptionId)
    {
        if (!_keyOfSubscription.Remove(subscriptionId, out var key))
        {
            return false;
        }

        var bucket = _buckets[key];
        bucket.RemoveAll(s => s.SubscriptionId == subscriptionId);
        if (bucket.Count == 0)
        {
            _buckets.Remove(key);
        }

        return true;
    }

    private static int Intern(Dictionary<string, int> ids, string? id)
    {
        if (id is null)
        {
            return Any;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, id, out var exists);
        if (!exists)
        {
            slot = ids.Count; // 1-based: 0 is "any"
        }

        return slot;
    }

    /// <summary>The interned ids of the values and what they belong to, plus "any". Ids nobody subscribed to are dropped.</summary>
    private List<int> Expand(IReadOnlyCollection<string> values, Dictionary<string, int> ids, Func<string, IEnumerable<string>> upward)
    {
        var result = new List<int> { Any };
        _lock.EnterReadLock();
        try
        {
            foreach (var value in values)
            {
                foreach (var id in upward(value).Prepend(value))
                {
                    if (ids.TryGetValue(id, out var interned) && !result.Contains(interned))
                    {
                        result.Add(interned);
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return result;
    }

    private readonly record struct Slot(long RecipientId, long SubscriptionId, DeliveryMode Mode);
}
