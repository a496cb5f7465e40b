using System.Text.Json;
using AlertBot.Sandbox;
using AlertBot.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace AlertBot.Api;

internal static class ApiSetup
{
    /// <summary>A malformed request (unreadable JSON, a missing body) gets a problem-details body that says what is wrong.</summary>
    public static IServiceCollection AddAlertBotApi(this IServiceCollection services)
    {
        // Binding failures raise BadHttpRequestException in every environment, so that ApiBadRequestHandler can explain them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiBadRequestHandler>();
        return services;
    }

    /// <summary>Everything under <c>/api</c> needs a valid <c>X-Api-Key</c>.</summary>
    public static IEndpointRouteBuilder MapAlertBotApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.Api);
        api.MapSandboxApi();
        api.MapReportsApi();
        api.MapEventsApi();
        return endpoints;
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}

/// <summary>Turns a request the API cannot read into RFC 9457 problem details naming the fault (JSON syntax and where it is).</summary>
internal sealed class ApiBadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !ApiSetup.IsApiRequest(httpContext))
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json
            ? $"The request body is not valid JSON: {json.Message}"
            : bad.Message;
        await TypedResults.Problem(statusCode: bad.StatusCode, title: "Malformed request", detail: detail).ExecuteAsync(httpContext);
        return true;
    }
}
