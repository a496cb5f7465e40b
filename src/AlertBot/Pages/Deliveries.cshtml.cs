using AlertBot.Core.Events;
using AlertBot.Core.Delivery;
using AlertBot.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>One outbox row as the delivery log shows it, with the chat it is for.</summary>
/// <param name="EventId">The event the row is about (an alert, its update, a notice under it); null for a digest.</param>
public sealed record DeliveryRow(
    long Id,
    long? EventId,
    string Platform,
    string ChatId,
    string Kind,
    OutboxState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt,
    string? LastError,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil);

/// <summary>
/// The delivery log: what went to whom and when, and why something did not. Outbox rows newest first, filtered by
/// state, event, platform and chat, paged by id (keyset: stable while rows are added); counts per state on top.
/// </summary>
public sealed class DeliveriesModel(AlertBotDb db, TimeProvider time, ConsoleLocalizer localizer) : PageModel
{
    public const int PageSize = 50;

    public static IReadOnlyList<string> States { get; } = ["all", .. Enum.GetValues<OutboxState>().Select(StateName)];

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "all";

    [BindProperty(SupportsGet = true)]
    public long? EventId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Platform { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Chat { get; set; }

    /// <summary>Show rows older than this id (the next page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>Show rows newer than this id (the previous page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<DeliveryRow> Rows { get; private set; } = [];

    /// <summary>Rows per state under the filters other than the state.</summary>
    public IReadOnlyDictionary<OutboxState, int> Counts { get; private set; } = new Dictionary<OutboxState, int>();

    /// <summary>Pending rows whose time has come (the rest are held: backoff, quiet hours).</summary>
    public int PendingDue { get; private set; }

    /// <summary>The id for the "older" link, or null on the last page.</summary>
    public long? OlderThan { get; private set; }

    /// <summary>The id for the "newer" link, or null on the first page.</summary>
    public long? NewerThan { get; private set; }

    public bool Filtered => EventId is not null || !string.IsNullOrWhiteSpace(Platform) || !string.IsNullOrWhiteSpace(Chat);

    public OutboxState? StateFilter => Enum.TryParse<OutboxState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public static string StateName(OutboxState state) => state.ToString().ToLowerInvariant();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Platform = string.IsNullOrWhiteSpace(Platform) ? null : Platform.Trim();
        Chat = string.IsNullOrWhiteSpace(Chat) ? null : Chat.Trim();
        var filtered = Filter(db.Outbox.AsNoTracking());

        Counts = await filtered
            .GroupBy(o => o.State)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = Now;
        PendingDue = await filtered.CountAsync(o => o.State == OutboxState.Pending && o.DueAt <= now, ct);

        if (StateFilter is { } state)
        {
            filtered = filtered.Where(o => o.State == state);
        }

        // One more row than shown tells whether there is a page beyond. A "newer" page with less than a page of rows
        // above it is the first page.
        if (After is { } after && Before is null)
        {
            var newer = await Project(filtered.Where(o => o.Id > after).OrderBy(o => o.Id).Take(PageSize + 1)).ToListAsync(ct);
            if (newer.Count > PageSize)
            {
                Rows = newer.Take(PageSize).Reverse().ToList();
                NewerThan = Rows[0].Id;
                OlderThan = Rows[^1].Id;
                return;
            }
        }

        var query = Before is { } before ? filtered.Where(o => o.Id < before) : filtered;
        var rows = await Project(query.OrderByDescending(o => o.Id).Take(PageSize + 1)).ToListAsync(ct);
        Rows = rows.Take(PageSize).ToList();
        OlderThan = rows.Count > PageSize ? Rows[^1].Id : null;
        NewerThan = Before is not null && Rows.Count > 0 ? Rows[0].Id : null;
    }

    /// <summary>A link to this page with its filters, and another state or page when given.</summary>
    public string Href(string? state = null, long? before = null, long? after = null)
    {
        var query = new List<KeyValuePair<string, string?>> { new("state", state ?? State) };
        Add("eventId", EventId);
        Add("platform", Platform);
        Add("chat", Chat);
        Add("before", before);
        Add("after", after);
        return "/deliveries" + QueryString.Create(query).ToUriComponent();

        void Add(string name, object? value)
        {
            if (value is not null)
            {
                query.Add(new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>A link to the log of one chat.</summary>
    public static string ChatHref(string platform, string chatId) =>
        "/deliveries" + QueryString.Create(new KeyValuePair<string, string?>[] { new("platform", platform), new("chat", chatId) }).ToUriComponent();

    /// <summary>Why the row has not gone (or went no further), in words; null for a sent row with nothing to say.</summary>
    /// <remarks>The last error is the platform's or the bot's own words, kept as they were recorded.</remarks>
    public string? Why(DeliveryRow row)
    {
        var error = ConsoleLocalizer.Isolate(row.LastError, ltr: false);
        return row.State switch
        {
            OutboxState.Pending when row.LeaseOwner is not null && row.LeaseUntil > Now => row.LastError is null
                ? localizer["being sent by {0}", ConsoleLocalizer.Isolate(row.LeaseOwner)].Value
                : localizer["being sent by {0}; last attempt: {1}", ConsoleLocalizer.Isolate(row.LeaseOwner), error].Value,
            OutboxState.Pending when row.DueAt > Now => row.LastError is null
                ? localizer["held until {0}", ConsoleLocalizer.Isolate(ConsoleText.Seconds(row.DueAt))].Value
                : localizer["held until {0}; last attempt: {1}", ConsoleLocalizer.Isolate(ConsoleText.Seconds(row.DueAt)), error].Value,
            OutboxState.Pending => row.LastError is null ? localizer["waiting to be sent"].Value : localizer["to be retried; last attempt: {0}", error].Value,
            OutboxState.Dead => row.LastError ?? localizer["gave up (no reason recorded)"].Value,
            OutboxState.Cancelled => row.LastError ?? localizer["cancelled (no reason recorded)"].Value,
            _ => row.LastError is null ? null : localizer["sent after a failed attempt: {0}", error].Value,
        };
    }

    private IQueryable<OutboxItem> Filter(IQueryable<OutboxItem> query)
    {
        if (EventId is { } eventId)
        {
            query = query.Where(o =>
                ((o.Kind == OutboxKinds.Alert || o.Kind == OutboxKinds.Update) && o.SubjectId == eventId)
                || (o.Kind == OutboxKinds.Notice && db.RoutingTasks.Any(t => t.Id == o.SubjectId && t.EventId == eventId)));
        }

        if (Platform is { } platform)
        {
            query = query.Where(o => o.Recipient!.Platform == platform);
        }

        if (Chat is { } chat)
        {
            query = query.Where(o => o.Recipient!.ChatId == chat);
        }

        return query;
    }

    private IQueryable<DeliveryRow> Project(IQueryable<OutboxItem> query) => query.Select(o => new DeliveryRow(
        o.Id,
        o.Kind == OutboxKinds.Alert || o.Kind == OutboxKinds.Update
            ? o.SubjectId
            : o.Kind == OutboxKinds.Notice ? db.RoutingTasks.Where(t => t.Id == o.SubjectId).Select(t => (long?)t.EventId).FirstOrDefault() : null,
        o.Recipient!.Platform,
        o.Recipient.ChatId,
        o.Kind,
        o.State,
        o.Attempts,
        o.CreatedAt,
        o.DueAt,
        o.SentAt,
        o.LastError,
        o.LeaseOwner,
        o.LeaseUntil));
}
