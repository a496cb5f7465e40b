using System.Security.Claims;
using AlertBot.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AlertBot.Pages;

[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class LoginModel(ConsoleCredentials credentials) : PageModel
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
        var identity = credentials.Verify(Login ?? string.Empty, Password ?? string.Empty);
        if (identity is null)
        {
            Error = "Wrong login or password.";
            return Page();
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Login) };
        claims.AddRange(identity.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));

        // Only local paths: a crafted ReturnUrl must not send a moderator elsewhere.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
