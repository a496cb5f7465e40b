using AlertBot.Core.Events;
using AlertBot.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AlertBot.Api;

public sealed record ReportRequest(string? Source, string? Url, string? Title, string? Text, string? Language, DateTimeOffset? PublishedAt);

/// <summary>The answer to a submission: the stored report (the earlier one for a duplicate) and its event, null when not relevant.</summary>
public sealed record ReportAccepted(long Id, long? EventId, bool Duplicate, bool Relevant, string? IrrelevantReason);

public sealed record ReportDto(
    long Id, string Source, string? Url, string? Title, string Text, string Language, DateTimeOffset? PublishedAt, DateTimeOffset ReceivedAt,
    bool Relevant, string? IrrelevantReason, IReadOnlyList<string> EventTypes, IReadOnlyList<string> PlaceIds, IReadOnlyList<string> Actors,
    IReadOnlyDictionary<string, int> Counts, DateOnly? EventDate, long? EventId, IReadOnlyDictionary<string, string>? ActorRoles = null)
{
    public static ReportDto From(Report r) => new(r.Id, r.Source, r.Url, r.Title, r.Text, r.Language, r.PublishedAt, r.ReceivedAt,
        r.Relevant, r.IrrelevantReason, r.EventTypes, r.PlaceIds, r.ActorIds, r.Counts, r.EventDate, r.EventId, r.ActorRoles);
}

/// <summary><c>/api/reports</c>: curators (and moderators) hand in reports; every report is kept, relevant or not.</summary>
internal static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/reports", SubmitAsync).RequireAuthorization(Policies.ApiCurator);
        api.MapGet("/reports", SearchAsync);
        return api;
    }

    private static async Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ProblemHttpResult>> SubmitAsync(
        ReportRequest request, HttpContext http, ReportIngestor ingestor, CancellationToken ct)
    {
        try
        {
            var result = await ingestor.IngestAsync(
                new ReportSubmission(request.Source, request.Url, request.Title, request.Text, request.Language, request.PublishedAt, ModeratorAccess.IdentityOf(http.User)),
                ct);
            var body = new ReportAccepted(result.ReportId, result.EventId, result.Duplicate, result.Relevant, result.IrrelevantReason);
            return result.Duplicate ? TypedResults.Ok(body) : TypedResults.Created($"/api/reports?id={result.ReportId}", body);
        }
        catch (ReportTooLongException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Report too long", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["limit"] = ex.Limit, ["length"] = ex.Length });
        }
        catch (ReportRejectedException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Report refused", detail: ex.Message);
        }
    }

    private static async Task<Ok<IEnumerable<ReportDto>>> SearchAsync(string? q, bool? relevant, int? limit, EventQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.SearchReportsAsync(q, relevant, limit ?? 100, ct)).Select(ReportDto.From));
}
