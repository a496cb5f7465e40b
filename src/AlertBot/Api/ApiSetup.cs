using AlertBot.Sandbox;
using AlertBot.Security;

namespace AlertBot.Api;

internal static class ApiSetup
{
    /// <summary>Everything under <c>/api</c> needs a valid <c>X-Api-Key</c>.</summary>
    public static IEndpointRouteBuilder MapAlertBotApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.Api);
        api.MapSandboxApi();
        api.MapReportsApi();
        api.MapEventsApi();
        return endpoints;
    }
}
