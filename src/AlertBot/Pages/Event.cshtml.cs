using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Extraction;
using AlertBot.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>One event: its fields, every source with the extraction's spans highlighted, its audit trail, and every moderation action.</summary>
public sealed class EventModel(EventQueries queries, ModerationService moderation, ModeratorAccess access, ConsoleText text, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public Event? Event { get; private set; }

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    /// <summary>The event this one may be the same incident as (clustering linked them), when it is still there.</summary>
    public Event? Linked { get; private set; }

    /// <summary>Events clustering opened as possibly the same incident as this one.</summary>
    public IReadOnlyList<Event> LinkedHere { get; private set; } = [];

    /// <summary>Whether the one-click merge into <see cref="Linked"/> is offered: this event pending, the linked one not merged away.</summary>
    public bool CanMergeIntoLinked => CanModerate && !ClaimedByOther && Event is { Status: EventStatus.Pending } && Linked is { Status: not EventStatus.Merged };

    public bool CanModerate => access.IsModerator(User);

    public string Me => ModeratorAccess.IdentityOf(User);

    public DateTimeOffset Now => time.GetUtcNow();

    public ConsoleText Text => text;

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

        Audit = await queries.AuditAsync(Id, 200, placements: true, ct);
        Linked = Event.LinkedEventId is { } linked ? await queries.FindAsync(linked, ct) : null;
        LinkedHere = await queries.LinkedToAsync(Id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) => Act(() => moderation.ClaimAsync(Id, Me, ct), "Claimed: other moderators cannot act on it until you release it or the claim runs out.");

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) => Act(() => moderation.ReleaseAsync(Id, Me, ct), "Released.");

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Act(() => moderation.ConfirmAsync(Id, Me, ct), null);

    public Task<IActionResult> OnPostRejectAsync(string? reason, CancellationToken ct) => Act(() => moderation.RejectAsync(Id, Me, reason, ct), "Rejected.");

    public Task<IActionResult> OnPostRetractAsync(string? reason, CancellationToken ct) => Act(() => moderation.RetractAsync(Id, Me, reason, ct), "Retracted.");

    public Task<IActionResult> OnPostMergeAsync(long into, CancellationToken ct) => Act(() => moderation.MergeAsync(Id, into, Me, ct), $"Merged into event {into}.");

    /// <summary>The one-click merge of a linked event into the event it may be the same as; the moderator lands on that event.</summary>
    public async Task<IActionResult> OnPostMergeLinkedAsync(CancellationToken ct)
    {
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var linked = (await queries.FindAsync(Id, ct))?.LinkedEventId;
        if (linked is not { } into)
        {
            Error = $"Event {Id} is not linked to another event.";
            return RedirectToPage(new { Id });
        }

        var result = await moderation.MergeAsync(Id, into, Me, ct);
        if (result.Failure is { } failure)
        {
            Error = failure.Message;
            return RedirectToPage(new { Id });
        }

        Notice = $"Event {Id} merged into event {into}.";
        return RedirectToPage(new { Id = into });
    }

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
