using AlertBot.Core.Feeds;
using AlertBot.Hosting;
using AlertBot.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>Edits a source's settings (moderators). Saving re-registers its recurring job with the new interval.</summary>
public sealed class SourceEditModel(FeedSourceCatalog catalog, FeedJobs jobs, ModeratorAccess access, ConsoleLocalizer localizer) : PageModel
{
    [BindProperty]
    public SourceForm Form { get; set; } = new();

    public FeedSource? Source { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Source = await catalog.FindAsync(id, ct);
        if (Source is null)
        {
            return NotFound();
        }

        Form = SourceForm.From(Source);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            var source = await catalog.UpdateAsync(id, Form.ToInput(), ct);
            if (source is null)
            {
                return NotFound();
            }

            jobs.Register(source);
            TempData["Notice"] = localizer["“{0}” saved.", ConsoleLocalizer.Isolate(source.Name, ltr: false)].Value;
            return RedirectToPage("/Sources");
        }
        catch (FeedSourceInvalidException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", SourceForm.Describe(field, message, localizer));
            }

            Source = await catalog.FindAsync(id, ct);
            return Source is null ? NotFound() : Page();
        }
    }
}
