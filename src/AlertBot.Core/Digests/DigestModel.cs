using AlertBot.Core.Events;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Digests;

/// <summary>The time a digest covers: from the end of the last digest (inclusive) to its own time (exclusive).</summary>
public sealed record DigestPeriod
{
    public DigestPeriod(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException($"A digest period ends after it starts ({from:O} .. {to:O}).", nameof(to));
        }

        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public bool Contains(DateTimeOffset at) => at >= From && at < To;
}

/// <summary>
/// Which events a digest shows. Each list narrows (an event must match every non-empty one) and an empty list lets
/// everything through. Places may be at any level: a district takes every subdistrict, town and neighbourhood in it.
/// An actor group takes its members (<c>iran_backed_militias</c> takes each militia).
/// </summary>
public sealed record DigestFilter(IReadOnlyList<string> PlaceIds, IReadOnlyList<string> ActorIds, IReadOnlyList<string> EventTypes)
{
    public static DigestFilter Everything { get; } = new([], [], []);
}

/// <summary>What an empty period gives: no message at all, or one short "no confirmed incidents" line.</summary>
public enum EmptyDigest
{
    Nothing = 0,
    NoIncidentsLine = 1,
}

/// <summary>Why an event is in a digest.</summary>
public enum DigestChange
{
    /// <summary>Confirmed in the period.</summary>
    New = 0,

    /// <summary>Confirmed before the period and corrected by a moderator during it.</summary>
    Corrected = 1,

    /// <summary>Retracted during the period.</summary>
    Retracted = 2,
}

/// <summary>An event as a digest shows it: the confirmed fields, never translated text. Immutable once built.</summary>
public sealed record DigestEvent(
    long EventId,
    DigestChange Change,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> PlaceIds,
    IReadOnlyList<string> ActorIds,
    IReadOnlyDictionary<string, int> Counts,
    DateTimeOffset OccurredAt,
    int IndependentSources,
    IReadOnlyDictionary<string, string>? ActorRoles = null)
{
    /// <summary>The event as stored; the time is its first report and the sources its different outlets, as in alerts.</summary>
    public static DigestEvent Of(Event e, DigestChange change) => new(
        e.Id,
        change,
        [.. e.EventTypes],
        [.. e.PlaceIds],
        [.. e.ActorIds],
        new Dictionary<string, int>(e.Counts, StringComparer.Ordinal),
        e.FirstReportAt,
        Math.Max(1, e.OutletCount),
        new Dictionary<string, string>(e.ActorRoles, StringComparer.Ordinal));
}

/// <summary>One digest to build: its period, filter, language, what an empty period gives, and the reader's time zone.</summary>
public sealed record DigestRequest(DigestPeriod Period, DigestFilter Filter, ChatLanguage Language, EmptyDigest WhenEmpty, TimeZoneInfo Zone);
