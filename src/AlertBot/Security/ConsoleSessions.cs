using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AlertBot.Security;

/// <summary>
/// Checks every console request's session against the current users and roles: a session whose security stamp no
/// longer matches (user removed, password or roles changed, one-time password of another process) is ended and the
/// visitor is sent to the login page.
/// </summary>
internal sealed partial class ConsoleSessionValidator(ConsoleCredentials credentials, ILogger<ConsoleSessionValidator> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var login = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(ConsoleCredentials.StampClaim)?.Value;
        if (login is not null && stamp is not null && credentials.IsCurrent(login, stamp))
        {
            return;
        }

        LogSessionEnded(logger, login ?? "(unnamed)");
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(LogLevel.Information, "Console session of {Login} ended: the user, its password or its roles changed since it signed in, or its one-time password belonged to an earlier process")]
    private static partial void LogSessionEnded(ILogger logger, string login);
}
