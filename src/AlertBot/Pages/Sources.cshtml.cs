using System.Text.RegularExpressions;
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
public sealed class SourcesModel(FeedSourceCatalog catalog, FeedJobs jobs, ModeratorAccess access, TimeProvider time, ConsoleLocalizer localizer) : PageModel
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
            Notice = localizer["Source “{0}” added; its first poll is queued.", ConsoleLocalizer.Isolate(source.Name, ltr: false)].Value;
            jobs.PollNow(source.Id);
            return RedirectToPage();
        }
        catch (FeedSourceInvalidException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", SourceForm.Describe(field, message, localizer));
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
            Notice = localizer["“{0}” is disabled: enable it to poll it.", ConsoleLocalizer.Isolate(source.Name, ltr: false)].Value;
            return RedirectToPage();
        }

        jobs.PollNow(id);
        Notice = localizer["A poll of “{0}” is queued; reload in a moment.", ConsoleLocalizer.Isolate(source.Name, ltr: false)].Value;
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

        Notice = localizer[enabled ? "“{0}” enabled; a poll is queued." : "“{0}” disabled.", ConsoleLocalizer.Isolate(source.Name, ltr: false)].Value;
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

    /// <summary>
    /// What is wrong with one field, as the form shows it: "Url 'x' is not an absolute http or https URL" in English (the
    /// catalog's words), the field's label and the problem in Arabic. A problem with no Arabic yet keeps its English.
    /// </summary>
    public static string Describe(string field, string message, ConsoleLocalizer localizer)
    {
        if (!ConsoleLocalizer.IsArabic)
        {
            return $"{field} {message}";
        }

        var label = ConsoleLocalizer.Token("field", field);
        string Quoted(Group g) => "«" + ConsoleLocalizer.Isolate(g.Value, ltr: field != nameof(Name)) + "»";
        if (message == "is required")
        {
            return localizer["{0}: is required.", label].Value;
        }

        if (Regex.Match(message, "^is longer than (\\d+) characters$", RegexOptions.CultureInvariant) is { Success: true } tooLong)
        {
            return localizer["{0}: at most {1} characters.", label, tooLong.Groups[1].Value].Value;
        }

        if (Regex.Match(message, "^'(.*)' is not an absolute http or https URL$", RegexOptions.CultureInvariant | RegexOptions.Singleline) is { Success: true } url)
        {
            return localizer["{0}: {1} is not an absolute http or https URL.", label, Quoted(url.Groups[1])].Value;
        }

        if (Regex.Match(message, "^'(.*)' is not ar or en$", RegexOptions.CultureInvariant | RegexOptions.Singleline) is { Success: true } language)
        {
            return localizer["{0}: {1} is not ar or en.", label, Quoted(language.Groups[1])].Value;
        }

        if (Regex.Match(message, "^(-?\\d+) is not between (\\d+)(?: \\(most trusted\\))? and (\\d+)$", RegexOptions.CultureInvariant) is { Success: true } range)
        {
            return localizer["{0}: {1} is not between {2} and {3}.", label, range.Groups[1].Value, range.Groups[2].Value, range.Groups[3].Value].Value;
        }

        if (Regex.Match(message, "^'(.*)' is already the name of another source$", RegexOptions.CultureInvariant | RegexOptions.Singleline) is { Success: true } taken)
        {
            return localizer["{0}: {1} is already the name of another source.", label, Quoted(taken.Groups[1])].Value;
        }

        return $"{label}: {message}";
    }
}
