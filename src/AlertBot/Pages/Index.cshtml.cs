using AlertBot.Core.Events;
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

    public async Task OnGetAsync(CancellationToken ct)
    {
        Recipients = await db.Recipients.CountAsync(ct);
        PendingEvents = await db.Events.CountAsync(e => e.Status == EventStatus.Pending, ct);
    }
}
