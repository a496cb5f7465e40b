using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using AlertBot.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>The moderation queue: newest or most corroborated first, filtered by status, type and place; bulk confirm.</summary>
public sealed class EventsModel(
    EventQueries queries,
    ModerationService moderation,
    ModeratorAccess access,
    ConsoleText text,
    AlertBotDb db,
    RecipientPreview preview,
    ConsoleLocalizer localizer,
    TimeProvider time) : PageModel
{
    public DateTimeOffset Now => time.GetUtcNow();

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "pending";

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Place { get; set; }

    [BindProperty(SupportsGet = true)]
    public EventOrder Order { get; set; } = EventOrder.Newest;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public string? PlaceId { get; private set; }

    public bool CanModerate => access.IsModerator(User);

    public IReadOnlyList<Event> Events { get; private set; } = [];

    public ConsoleText Text => text;

    public LiveState Live { get; private set; } = new(string.Empty, 0);

    public static IReadOnlyList<string> Statuses { get; } = ["pending", "confirmed", "rejected", "retracted", "merged", "all"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EventStatus? status = Enum.TryParse<EventStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        PlaceId = text.ResolvePlace(Place);
        if (!string.IsNullOrWhiteSpace(Place) && PlaceId is null)
        {
            Error = localizer["No place of the gazetteer is called “{0}”.", ConsoleLocalizer.Isolate(Place, ltr: false)].Value;
        }

        var type = string.IsNullOrEmpty(Type) ? null : Type;
        Events = await queries.ListAsync(new EventFilter(status, type, PlaceId, Order, 200), ct);
        Live = await LiveSignatures.QueueAsync(db, ct);
    }

    /// <summary>Polled by the page every second: it reloads its table when this changes.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct) => new JsonResult(await LiveSignatures.QueueAsync(db, ct));

    /// <summary>The question asked before confirming: how many chats, on which platforms, the ticked events would alert.</summary>
    public async Task<IActionResult> OnGetRecipientsAsync(long[] ids, CancellationToken ct)
    {
        var events = new List<Event>();
        foreach (var id in ids.Distinct().Take(200))
        {
            if (await queries.FindAsync(id, ct) is { Status: EventStatus.Pending } e)
            {
                events.Add(e);
            }
        }

        var count = await preview.CountAsync(events, ct);
        var message = localizer["Confirm {0} event(s)? Alerts go to {1} chat(s): {2}.", events.Count, count.Chats, count.Platforms(localizer["no chat"])].Value;
        return new JsonResult(new { events = events.Count, chats = count.Chats, platforms = count.ByPlatform.ToDictionary(p => p.Platform, p => p.Chats), message });
    }

    public async Task<IActionResult> OnPostConfirmAsync(long[] ids, CancellationToken ct)
    {
        if (!access.IsModerator(User))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (ids.Length == 0)
        {
            Error = localizer["Tick the events to confirm."].Value;
            return Back();
        }

        var results = await moderation.ConfirmManyAsync(ids, ModeratorAccess.IdentityOf(User), ct);
        var confirmed = results.Count(r => r.Result.Succeeded && !r.Result.AwaitingSecondModerator);
        var awaiting = results.Count(r => r.Result.AwaitingSecondModerator);
        Notice = awaiting > 0
            ? localizer["Confirmed {0} of {1} event(s); {2} wait for a second moderator.", confirmed, results.Count, awaiting].Value
            : localizer["Confirmed {0} of {1} event(s).", confirmed, results.Count].Value;
        var failures = results.Where(r => !r.Result.Succeeded).Select(r => ConsoleMessages.Localize(r.Result.Failure!.Message)).ToList();
        Error = failures.Count > 0 ? string.Join(" ", failures) : null;
        return Back();
    }

    private RedirectToPageResult Back() => RedirectToPage(new { Status, Type, Place, Order });
}
