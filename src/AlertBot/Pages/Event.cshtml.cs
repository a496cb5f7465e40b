using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>One event: its fields, every source with the extraction's spans highlighted, its audit trail, and every moderation action.</summary>
public sealed class EventModel(
    EventQueries queries,
    ModerationService moderation,
    ModeratorAccess access,
    ConsoleText text,
    AlertBotDb db,
    RecipientPreview preview,
    TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public Event? Event { get; private set; }

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public bool CanModerate => access.IsModerator(User);

    public string Me => ModeratorAccess.IdentityOf(User);

    public DateTimeOffset Now => time.GetUtcNow();

    public ConsoleText Text => text;

    /// <summary>For a pending event: the chats that confirming it would alert now.</summary>
    public RecipientCount? Recipients { get; private set; }

    public LiveState Live { get; private set; } = new(string.Empty, 0);

    public bool ClaimedByOther => Event is { ClaimedBy: { } holder, ClaimedUntil: { } until } && holder != Me && until > Now;

    public bool ClaimedByMe => Event is { ClaimedBy: { } holder, ClaimedUntil: { } until } && holder == Me && until > Now;

    public bool NeedsTwoModerators => Event is not null && moderation.NeedsTwoModerators(Event);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Event = await queries.FindAsync(Id, ct);
        if (Event is null)
        {
            return NotFound();
        }

        Audit = await queries.AuditAsync(Id, 200, ct);
        Recipients = Event.Status == EventStatus.Pending ? await preview.CountAsync([Event], ct) : null;
        Live = await LiveSignatures.EventAsync(db, Id, ct);
        return Page();
    }

    /// <summary>Polled by the page every second: it reloads its fields, sources and history when this changes.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct) => new JsonResult(await LiveSignatures.EventAsync(db, Id, ct));

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) => Act(() => moderation.ClaimAsync(Id, Me, ct), "Claimed: other moderators cannot act on it until you release it or the claim runs out.");

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) => Act(() => moderation.ReleaseAsync(Id, Me, ct), "Released.");

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Act(() => moderation.ConfirmAsync(Id, Me, ct), null);

    public Task<IActionResult> OnPostRejectAsync(string? reason, CancellationToken ct) => Act(() => moderation.RejectAsync(Id, Me, reason, ct), "Rejected.");

    public Task<IActionResult> OnPostRetractAsync(string? reason, CancellationToken ct) => Act(() => moderation.RetractAsync(Id, Me, reason, ct), "Retracted.");

    public Task<IActionResult> OnPostMergeAsync(long into, CancellationToken ct) => Act(() => moderation.MergeAsync(Id, into, Me, ct), $"Merged into event {into}.");

    public async Task<IActionResult> OnPostSplitAsync(long[] reportIds, CancellationToken ct)
    {
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await moderation.SplitAsync(Id, reportIds, Me, ct);
        if (result.Failure is { } failure)
        {
            Error = failure.Message;
            return RedirectToPage(new { Id });
        }

        Notice = $"Split off from event {Id}.";
        return RedirectToPage(new { Id = result.Event!.Id });
    }

    public Task<IActionResult> OnPostEditAsync(string[] types, string? places, string[] actors, string? counts, string? noteAr, string? noteEn, CancellationToken ct)
    {
        var placeIds = new List<string>();
        foreach (var typed in (places ?? string.Empty).Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (text.ResolvePlace(typed) is not { } id)
            {
                return Refuse($"No place of the gazetteer is called “{typed}”.");
            }

            placeIds.Add(id);
        }

        var parsedCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in (counts ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Refuse($"Counts are written name=number, separated by commas; “{pair}” is not.");
            }

            parsedCounts[parts[0]] = value;
        }

        var edit = new EventEdit(types, placeIds, actors, parsedCounts, noteAr ?? string.Empty, noteEn ?? string.Empty);
        return Act(() => moderation.EditAsync(Id, Me, edit, ct), "Saved.");
    }

    private Task<IActionResult> Refuse(string message)
    {
        if (!access.IsModerator(User))
        {
            return Task.FromResult<IActionResult>(StatusCode(StatusCodes.Status403Forbidden));
        }

        Error = message;
        return Task.FromResult<IActionResult>(RedirectToPage(new { Id }));
    }

    private async Task<IActionResult> Act(Func<Task<ModerationResult>> action, string? done)
    {
        // The console's own check: buttons are hidden from non-moderators, and a forged post is refused before anything happens.
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await action();
        if (result.Failure is { } failure)
        {
            Error = failure.Message;
        }
        else
        {
            Notice = done ?? (result.AwaitingSecondModerator
                ? "Your confirmation is recorded; this type needs a second moderator to confirm."
                : "Confirmed.");
        }

        return RedirectToPage(new { Id });
    }

    public static IReadOnlyList<EventType> AllTypes => EventTypes.All;

    public static IReadOnlyList<Actor> AllActors => ActorTaxonomy.All;
}
