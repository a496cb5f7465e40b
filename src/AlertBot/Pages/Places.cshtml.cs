using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>One place of the gazetteer as the console lists it, with its one-tap subscribe link on each platform that has them.</summary>
public sealed record PlaceRow(Place Place, string Kind, string? Within, int Subscriptions, IReadOnlyList<(string Platform, Uri? Link)> Links);

/// <summary>
/// The gazetteer's places (the place ids subscriptions and digests name), in the reader's language first, with how many
/// subscriptions name each and the link that subscribes to it in one tap (Telegram's deep links), for channel admins
/// and outreach. Any console login may look.
/// </summary>
public sealed class PlacesModel(Gazetteer gazetteer, AlertBotDb db, IEnumerable<ISubscribeLinks> links) : PageModel
{
    /// <summary>Text to look for in a place's names, aliases or id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<string> Platforms { get; private set; } = [];

    public IReadOnlyList<PlaceRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var providers = links.OrderBy(l => l.Platform, StringComparer.Ordinal).ToList();
        Platforms = [.. providers.Select(p => p.Platform)];
        var counts = await db.Subscriptions.AsNoTracking().Where(s => s.PlaceId != null)
            .GroupBy(s => s.PlaceId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = Q?.Trim();
        Rows = [.. gazetteer.Places
            .Where(p => string.IsNullOrEmpty(query) || Matches(p, query))
            .Select(p => new PlaceRow(
                p,
                Kind(p.Kind),
                p.ParentId is { } parent && gazetteer.Find(parent) is { } within ? ConsoleText.Both(within.NameAr, within.NameEn) : null,
                counts.GetValueOrDefault(p.Id),
                [.. providers.Select(l => (l.Platform, l.LinkFor(p.Id)))]))];
    }

    private static bool Matches(Place place, string query) =>
        place.Id.Contains(query, StringComparison.OrdinalIgnoreCase)
        || place.NameEn.Contains(query, StringComparison.OrdinalIgnoreCase)
        || place.NameAr.Contains(query, StringComparison.Ordinal)
        || place.AliasesEn.Any(a => a.Contains(query, StringComparison.OrdinalIgnoreCase))
        || place.AliasesAr.Any(a => a.Contains(query, StringComparison.Ordinal));

    private static string Kind(string kind)
    {
        var (ar, en) = SubscriptionTargets.KindName(kind);
        return ConsoleLocalizer.IsArabic ? ar : en;
    }
}
