using AlertBot.Core.Events;
using AlertBot.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AlertBot.Api;

public sealed record SourceDto(long ReportId, string Outlet, string? Url, string? Title, string Language, DateTimeOffset? PublishedAt);

public sealed record EventDto(
    long Id,
    string Status,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> PlaceIds,
    IReadOnlyList<string> Actors,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<SourceDto> Sources,
    int OutletCount,
    DateOnly EventDate,
    string? NoteAr,
    string? NoteEn,
    IReadOnlyList<string> Confirmations,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    long? MergedIntoId,
    string? ClaimedBy,
    DateTimeOffset? ClaimedUntil,
    long? LinkedEventId = null,
    string? LinkReason = null,
    IReadOnlyDictionary<string, string>? ActorRoles = null)
{
    public static EventDto From(Event e) => new(
        e.Id, e.Status.ToString().ToLowerInvariant(), e.EventTypes, e.PlaceIds, e.ActorIds, e.Counts,
        e.Reports.Select(r => new SourceDto(r.Id, r.Source, r.Url, r.Title, r.Language, r.PublishedAt)).ToList(),
        e.OutletCount, e.EventDate, e.NoteAr, e.NoteEn, e.Confirmations, e.DecidedBy, e.DecidedAt, e.DecisionReason, e.MergedIntoId,
        e.ClaimedBy, e.ClaimedUntil, e.LinkedEventId, e.LinkReason, e.ActorRoles);
}

public sealed record ReasonRequest(string? Reason);

public sealed record MergeRequest(long Into);

public sealed record SplitRequest(IReadOnlyList<long>? ReportIds);

public sealed record EditRequest(
    IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? PlaceIds, IReadOnlyList<string>? Actors, IReadOnlyDictionary<string, int>? Counts, string? NoteAr, string? NoteEn,
    IReadOnlyDictionary<string, string>? ActorRoles = null);

public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Action, long? EventId, string? Detail, EventSnapshot? Before, EventSnapshot? After, string? Rule = null)
{
    public static AuditDto From(AuditEntry a) => new(a.Id, a.At, a.Actor, a.Action, a.EventId, a.Detail, EventSnapshot.FromJson(a.Before), EventSnapshot.FromJson(a.After), a.Rule);
}

/// <summary><c>/api/events</c>: list for any key; every change as the key's identity, which needs the moderator role.</summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", ListAsync);
        api.MapGet("/events/{id:long}", GetAsync);
        api.MapGet("/audit", AuditAsync);
        var moderate = api.MapGroup("/events/{id:long}").RequireAuthorization(Policies.ApiModerator);
        moderate.MapPost("/confirm", (long id, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.ConfirmAsync(id, ModeratorAccess.IdentityOf(http.User), ct), q, ct));
        moderate.MapPost("/reject", (long id, ReasonRequest body, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.RejectAsync(id, ModeratorAccess.IdentityOf(http.User), body.Reason, ct), q, ct));
        moderate.MapPost("/retract", (long id, ReasonRequest body, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.RetractAsync(id, ModeratorAccess.IdentityOf(http.User), body.Reason, ct), q, ct));
        moderate.MapPost("/claim", (long id, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.ClaimAsync(id, ModeratorAccess.IdentityOf(http.User), ct), q, ct));
        moderate.MapPost("/release", (long id, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.ReleaseAsync(id, ModeratorAccess.IdentityOf(http.User), ct), q, ct));
        moderate.MapPatch("/", (long id, EditRequest body, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.EditAsync(id, ModeratorAccess.IdentityOf(http.User), new EventEdit(body.EventTypes, body.PlaceIds, body.Actors, body.Counts, body.NoteAr, body.NoteEn, body.ActorRoles), ct), q, ct));
        moderate.MapPost("/merge", (long id, MergeRequest body, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.MergeAsync(id, body.Into, ModeratorAccess.IdentityOf(http.User), ct), q, ct));
        moderate.MapPost("/split", (long id, SplitRequest body, HttpContext http, ModerationService m, EventQueries q, CancellationToken ct) =>
            Answer(m.SplitAsync(id, body.ReportIds ?? [], ModeratorAccess.IdentityOf(http.User), ct), q, ct));
        return api;
    }

    private static async Task<Results<Ok<IEnumerable<EventDto>>, ProblemHttpResult>> ListAsync(
        string? status, string? type, string? place, int? limit, EventQueries queries, CancellationToken ct)
    {
        EventStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<EventStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                    detail: "status is one of pending, confirmed, rejected, merged, retracted");
            }

            wanted = parsed;
        }

        var events = await queries.ListAsync(new EventFilter(wanted, type, place, EventOrder.Newest, limit ?? 100), ct);
        return TypedResults.Ok(events.Select(EventDto.From));
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> GetAsync(long id, EventQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } e
            ? TypedResults.Ok(EventDto.From(e))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Event {id} does not exist.");

    private static async Task<Ok<IEnumerable<AuditDto>>> AuditAsync(long? eventId, int? limit, bool? placements, EventQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.AuditAsync(eventId, limit ?? 200, placements ?? false, ct)).Select(AuditDto.From));

    private static async Task<Results<Ok<EventDto>, Accepted<EventDto>, ProblemHttpResult>> Answer(Task<ModerationResult> action, EventQueries queries, CancellationToken ct)
    {
        var result = await action;
        if (result.Failure is { } failure)
        {
            var (status, title) = failure.Kind switch
            {
                ModerationFailureKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                ModerationFailureKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid request"),
                _ => (StatusCodes.Status409Conflict, "Conflict"),
            };
            return TypedResults.Problem(statusCode: status, title: title, detail: failure.Message);
        }

        var dto = EventDto.From((await queries.FindAsync(result.Event!.Id, ct))!);
        return result.AwaitingSecondModerator ? TypedResults.Accepted($"/api/events/{dto.Id}", dto) : TypedResults.Ok(dto);
    }
}
