using AlertBot.Core.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>The audit log: every moderation action, newest first, optionally for one event.</summary>
public sealed class AuditModel(EventQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? EventId { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await queries.AuditAsync(EventId, 500, placements: true, ct);
}
