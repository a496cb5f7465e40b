using System.Security.Claims;
using AlertBot.Core.Events;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AlertBot.Security;

/// <summary>
/// Who may moderate, and under which identity the audit log records them: API keys act as <c>api:&lt;name&gt;</c> and
/// need the <c>moderator</c> role; console users act as <c>console:&lt;login&gt;</c> and need the role or a place in
/// <c>Moderation:Moderators</c>.
/// </summary>
public sealed class ModeratorAccess(ModeratorDirectory moderators)
{
    public bool IsModerator(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        return user.IsInRole(Roles.Moderator) || (IsConsoleUser(user) && moderators.IsModerator(IdentityOf(user)));
    }

    /// <summary>The identity written to the audit log.</summary>
    public static string IdentityOf(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? throw new InvalidOperationException("an anonymous user has no moderator identity");
        return IsConsoleUser(user) ? "console:" + name : name;
    }

    private static bool IsConsoleUser(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;
}
