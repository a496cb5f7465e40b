using AlertBot.Core.Feeds;
using AlertBot.Hosting;
using AlertBot.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>
/// Feed sources and their health: last success, last error, items in the last 24 hours, next poll, enabled or why not;
/// poll now, enable/disable and add (moderators). Sources disabled after repeated failures are listed at the top.
/// </summary>
public sealed class SourcesModel(FeedSourceCatalog catalog, FeedJobs jobs, ModeratorAccess access, TimeProvider time) : PageModel
{
    public DateTimeOffset Now => time.GetUtcNow();

    public bool CanEdit => access.IsModerator(User);

    public IReadOnlyList<FeedSourceStatus> Sources { get; private set; } = [];

    public IEnumerable<FeedSource> AutoDisabled => Sources.Select(s => s.Source).Where(s => !s.Enabled && s.DisabledBy == FeedDisabledBy.Health);

    [BindProperty]
    public SourceForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Sources = await catalog.ListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            var source = await catalog.CreateAsync(Form.ToInput(), ct);
            jobs.Register(source);
            Notice = $"Source “{source.Name}” added; its first poll is queued.";
            jobs.PollNow(source.Id);
            return RedirectToPage();
        }
        catch (FeedSourceInvalidException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", $"{field} {message}");
            }

            Sources = await catalog.ListAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostPollNowAsync(long id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var source = await catalog.FindAsync(id, ct);
        if (source is null)
        {
            return NotFound();
        }

        if (!source.Enabled)
        {
            Notice = $"“{source.Name}” is disabled: enable it to poll it.";
            return RedirectToPage();
        }

        jobs.PollNow(id);
        Notice = $"A poll of “{source.Name}” is queued; reload in a moment.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct) => SetEnabledAsync(id, true, ct);

    public Task<IActionResult> OnPostDisableAsync(long id, CancellationToken ct) => SetEnabledAsync(id, false, ct);

    private async Task<IActionResult> SetEnabledAsync(long id, bool enabled, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var source = await catalog.SetEnabledAsync(id, enabled, ModeratorAccess.IdentityOf(User), ct);
        if (source is null)
        {
            return NotFound();
        }

        jobs.Register(source);
        if (enabled)
        {
            jobs.PollNow(id);
        }

        Notice = enabled ? $"“{source.Name}” enabled; a poll is queued." : $"“{source.Name}” disabled.";
        return RedirectToPage();
    }
}

/// <summary>The add/edit form of a source.</summary>
public sealed class SourceForm
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }
    public int? Tier { get; set; }
    public int? IntervalSeconds { get; set; } = FeedSourceOptions.DefaultIntervalSeconds;
    public bool FetchArticle { get; set; }
    public string? Keywords { get; set; }

    public static SourceForm From(FeedSource s) => new()
    {
        Name = s.Name,
        Url = s.Url,
        Language = s.Language,
        Tier = s.Tier,
        IntervalSeconds = s.IntervalSeconds,
        FetchArticle = s.FetchArticle,
        Keywords = string.Join(", ", s.Keywords),
    };

    public FeedSourceInput ToInput() => new(Name, Url, Language, Tier, IntervalSeconds, FetchArticle, Keywords);
}
