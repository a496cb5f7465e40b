using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

public sealed class IndexModel(AlertBotDb db, AlertBotDbFactory dbFactory, ChatPlatforms platforms) : PageModel
{
    public StorageProvider Provider => dbFactory.Provider;

    public IReadOnlyCollection<string> Platforms => platforms.Names;

    public int Recipients { get; private set; }

    public int PendingEvents { get; private set; }

    /// <summary>Sources switched off by their health: the first thing a moderator sees after signing in.</summary>
    public IReadOnlyList<string> AutoDisabledSources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Recipients = await db.Recipients.CountAsync(ct);
        PendingEvents = await db.Events.CountAsync(e => e.Status == EventStatus.Pending, ct);
        AutoDisabledSources = await db.FeedSources
            .Where(f => !f.Enabled && f.DisabledBy == FeedDisabledBy.Health)
            .OrderBy(f => f.Name)
            .Select(f => f.Name)
            .ToListAsync(ct);
    }
}
