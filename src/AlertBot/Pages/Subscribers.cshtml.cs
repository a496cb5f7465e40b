using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>Recipients of one platform: all of them, and how many receive, paused, or are gone.</summary>
public sealed record PlatformRecipients(string Platform, int Total, int Active, int Paused, int Deactivated);

/// <summary>Why chats were deactivated, and how many for each reason.</summary>
public sealed record DeactivationReason(string? Reason, int Count);

/// <summary>
/// Subscriptions that share one value of a filter (a place, an actor, an event type; null: "any"): all of them, and
/// how many of those are digest-only.
/// </summary>
public sealed record SubscriptionGroup(string? Key, int Count, int DigestOnly);

/// <summary>Subscriptions of the chats of one platform; receiving: of chats neither paused nor deactivated.</summary>
public sealed record PlatformSubscriptions(string Platform, int Count, int Receiving, int DigestOnly);

/// <summary>
/// Who is subscribed to what: recipients by platform and state, deactivation reasons, and subscription counts by
/// place, actor, event type and platform. Every figure is a GROUP BY in the database: nothing here loads the rows
/// themselves, so the page stays quick with a million subscriptions.
/// </summary>
public sealed class SubscribersModel(AlertBotDb db, ConsoleText text) : PageModel
{
    /// <summary>At most this many deactivation reasons are listed (the most frequent ones).</summary>
    public const int MaxReasons = 50;

    public ConsoleText Text => text;

    public IReadOnlyList<PlatformRecipients> Recipients { get; private set; } = [];

    public PlatformRecipients RecipientTotals { get; private set; } = new("all", 0, 0, 0, 0);

    public IReadOnlyList<DeactivationReason> Reasons { get; private set; } = [];

    public int Subscriptions { get; private set; }

    public IReadOnlyList<SubscriptionGroup> ByPlace { get; private set; } = [];

    public IReadOnlyList<SubscriptionGroup> ByActor { get; private set; } = [];

    public IReadOnlyList<SubscriptionGroup> ByType { get; private set; } = [];

    public IReadOnlyList<PlatformSubscriptions> ByPlatform { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Active, paused and deactivated split the recipients: a deactivated chat counts as deactivated even if paused.
        Recipients = await db.Recipients.AsNoTracking()
            .GroupBy(r => r.Platform)
            .OrderBy(g => g.Key)
            .Select(g => new PlatformRecipients(
                g.Key,
                g.Count(),
                g.Count(r => r.DeactivatedAt == null && !r.Paused),
                g.Count(r => r.DeactivatedAt == null && r.Paused),
                g.Count(r => r.DeactivatedAt != null)))
            .ToListAsync(ct);
        RecipientTotals = new PlatformRecipients(
            "all", Recipients.Sum(p => p.Total), Recipients.Sum(p => p.Active), Recipients.Sum(p => p.Paused), Recipients.Sum(p => p.Deactivated));

        Reasons = await db.Recipients.AsNoTracking()
            .Where(r => r.DeactivatedAt != null)
            .GroupBy(r => r.DeactivatedReason)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Take(MaxReasons)
            .Select(g => new DeactivationReason(g.Key, g.Count()))
            .ToListAsync(ct);

        // One scan for the three breakdowns: counts per distinct (place, actor, type), summed here per place, per actor
        // and per type. The groups are bounded by the gazetteer and the taxonomies, not by the number of subscriptions.
        var combinations = await db.Subscriptions.AsNoTracking()
            .GroupBy(s => new { s.PlaceId, s.ActorId, s.EventType })
            .Select(g => new Combination(g.Key.PlaceId, g.Key.ActorId, g.Key.EventType, g.Count(), g.Count(s => s.Mode == DeliveryMode.DigestOnly)))
            .ToListAsync(ct);
        Subscriptions = combinations.Sum(c => c.Count);
        ByPlace = Fold(combinations, c => c.PlaceId);
        ByActor = Fold(combinations, c => c.ActorId);
        ByType = Fold(combinations, c => c.EventType);
        ByPlatform = await (
                from s in db.Subscriptions.AsNoTracking()
                join r in db.Recipients.AsNoTracking() on s.RecipientId equals r.Id
                group new { s.Mode, r.Paused, r.DeactivatedAt } by r.Platform into g
                orderby g.Key
                select new PlatformSubscriptions(
                    g.Key,
                    g.Count(),
                    g.Count(x => x.DeactivatedAt == null && !x.Paused),
                    g.Count(x => x.Mode == DeliveryMode.DigestOnly)))
            .ToListAsync(ct);
    }

    /// <summary>The place of a group, or null for "any place" and for an id the gazetteer no longer has.</summary>
    public Place? PlaceOf(string? id) => id is null ? null : text.Gazetteer.Find(id);

    public static Actor? ActorOf(string? id) => id is null ? null : ActorTaxonomy.Find(id);

    public static EventType? TypeOf(string? id) => id is null ? null : EventTypes.Find(id);

    /// <summary>The groups of one filter, the "any" row last, then the most subscribed first.</summary>
    private static List<SubscriptionGroup> Fold(List<Combination> combinations, Func<Combination, string?> key) =>
        combinations
            .GroupBy(key)
            .Select(g => new SubscriptionGroup(g.Key, g.Sum(c => c.Count), g.Sum(c => c.DigestOnly)))
            .OrderBy(g => g.Key is null).ThenByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    private sealed record Combination(string? PlaceId, string? ActorId, string? EventType, int Count, int DigestOnly);
}
