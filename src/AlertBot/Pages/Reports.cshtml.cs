using AlertBot.Core.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>Every stored report, searchable; the ones that made no event say why.</summary>
public sealed class ReportsModel(EventQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Relevance { get; set; } = "all";

    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        bool? relevant = Relevance switch { "relevant" => true, "not" => false, _ => null };
        Reports = await queries.SearchReportsAsync(Q, relevant, 200, ct);
    }
}
