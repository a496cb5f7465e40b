using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Conversation;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>For a pending event: the chats that confirming it would alert now.</summary>
    public RecipientCount? Recipients { get; private set; }

    public LiveState Live { get; private set; } = new(string.Empty, 0);

    /// <summary>Chats that already got an alert about this event: an edit changes their messages.</summary>
    public int SentTo { get; private set; }

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
        Recipients = Event.Status == EventStatus.Pending ? await preview.CountAsync([Event], ct) : null;
        Live = await LiveSignatures.EventAsync(db, Id, ct);
        SentTo = await db.SentMessages.Where(m => m.Kind == OutboxKinds.Alert && m.SubjectId == Id).Select(m => m.RecipientId).Distinct().CountAsync(ct);
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
            Error = ConsoleMessages.Localize($"Event {Id} is not linked to another event.");
            return RedirectToPage(new { Id });
        }

        var result = await moderation.MergeAsync(Id, into, Me, ct);
        if (result.Failure is { } failure)
        {
            Error = ConsoleMessages.Localize(failure.Message);
            return RedirectToPage(new { Id });
        }

        Notice = ConsoleMessages.Localize($"Event {Id} merged into event {into}.");
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
            Error = ConsoleMessages.Localize(failure.Message);
            return RedirectToPage(new { Id });
        }

        Notice = ConsoleMessages.Localize($"Split off from event {Id}.");
        return RedirectToPage(new { Id = result.Event!.Id });
    }

    public Task<IActionResult> OnPostEditAsync(
        string[] types,
        string[]? places,
        string[] actors,
        string? counts,
        Dictionary<string, string>? countFields,
        Dictionary<string, string>? roles,
        string? noteAr,
        string? noteEn,
        CancellationToken ct)
    {
        var placeIds = new List<string>();
        foreach (var field in places ?? [])
        {
            // A choice from the picker names its place exactly ("… #ES037"); typed text may list several names.
            var typedNames = PickedId(field) is { } picked ? [picked] : field.Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var typed in typedNames)
            {
                if (text.ResolvePlace(typed) is not { } id)
                {
                    return Refuse($"No place of the gazetteer is called “{typed}”.");
                }

                if (!placeIds.Contains(id))
                {
                    placeIds.Add(id);
                }
            }
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

        foreach (var (kind, typed) in countFields ?? [])
        {
            if (!CountKinds.Contains(kind) || string.IsNullOrWhiteSpace(typed))
            {
                continue;
            }

            if (!int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Refuse($"The count of {kind} must be a whole number; “{typed}” is not.");
            }

            parsedCounts[kind] = value;
        }

        // Every actor's select is posted: a role set on an actor left unticked is dropped with the actor.
        var actorRoles = (roles ?? []).ToDictionary(r => r.Key, r => r.Value?.Trim() ?? string.Empty, StringComparer.Ordinal);
        var edit = new EventEdit(types, placeIds, actors, parsedCounts, noteAr ?? string.Empty, noteEn ?? string.Empty, actorRoles);
        return Act(() => moderation.EditAsync(Id, Me, edit, ct), "Saved.");
    }

    private Task<IActionResult> Refuse(string message)
    {
        if (!access.IsModerator(User))
        {
            return Task.FromResult<IActionResult>(StatusCode(StatusCodes.Status403Forbidden));
        }

        Error = ConsoleMessages.Localize(message);
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
            Error = ConsoleMessages.Localize(failure.Message);
        }
        else
        {
            Notice = ConsoleMessages.Localize(done ?? (result.AwaitingSecondModerator
                ? "Your confirmation is recorded; this type needs a second moderator to confirm."
                : "Confirmed."));
        }

        return RedirectToPage(new { Id });
    }

    public static IReadOnlyList<EventType> AllTypes => EventTypes.All;

    /// <summary>The kinds of count the editor shows as labelled fields; any other kind is typed as name=number.</summary>
    public static IReadOnlyList<string> CountKinds { get; } = ["rockets", "missiles", "shells", "drones", "strikes", "killed", "wounded"];

    /// <summary>A picker choice: both names, the kind, and the id that makes it exact ("al-Mayadin · الميادين (city) #ES037").</summary>
    public static string PlaceChoice(Place place) =>
        $"{ConsoleText.Both(place.NameAr, place.NameEn)} ({(ConsoleLocalizer.IsArabic ? SubscriptionTargets.KindName(place.Kind).Ar : SubscriptionTargets.KindName(place.Kind).En)}) #{place.Id}";

    /// <summary>The id at the end of a picker choice, if the text is one.</summary>
    public static string? PickedId(string text)
    {
        var hash = text.LastIndexOf('#');
        var id = hash < 0 ? null : text[(hash + 1)..].Trim();
        return id is { Length: > 0 } && id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }

    public static IReadOnlyList<Actor> AllActors => ActorTaxonomy.All;

    /// <summary>The roles a moderator can give an actor (none: the reports do not say).</summary>
    public static IReadOnlyList<string> Roles => ActorRoleIds.All;
}
