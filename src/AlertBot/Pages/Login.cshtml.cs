using System.Globalization;
using System.Security.Claims;
using AlertBot.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

[AllowAnonymous]
public sealed class LoginModel(ConsoleSignIn signIn, ConsoleLocalizer localizer) : PageModel
{
    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = signIn.Attempt(Login ?? string.Empty, Password ?? string.Empty, HttpContext.Connection.RemoteIpAddress);
        if (attempt.LockedUntil is { } until)
        {
            // A page, not an API answer: the person at the browser reads why and until when.
            var wait = Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds));
            Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            Error = localizer["Too many failed sign-ins for this login or from this address. Try again after {0} UTC.", until.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)].Value;
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }

        if (attempt.Identity is not { } identity)
        {
            Error = localizer["Wrong login or password."].Value;
            return Page();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity.Login),
            new(ConsoleCredentials.StampClaim, identity.Stamp),
        };
        claims.AddRange(identity.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));

        // Only local paths: a crafted ReturnUrl must not send a moderator elsewhere.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
