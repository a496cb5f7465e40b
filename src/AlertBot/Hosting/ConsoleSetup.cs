using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AlertBot.Core.Storage;
using AlertBot.Pages;
using Microsoft.AspNetCore.Localization;
using AlertBot.Security;
using Microsoft.AspNetCore.DataProtection;

namespace AlertBot.Hosting;

internal static class ConsoleSetup
{
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", Policies.Console);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Status");
        });
        services.AddHostedService<ConsoleAccessNotice>();
        services.AddSingleton<AlertBot.Pages.ConsoleText>();
        services.AddSingleton<AlertBot.Pages.ConsoleLocalizer>();
        services.AddScoped<AlertBot.Pages.RecipientPreview>();

        // Arabic or English per user: the user's choice (a cookie set by the switch on every page), then Accept-Language.
        services.AddRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(ConsoleLocalizer.EnglishCulture);
            o.SupportedCultures = [.. ConsoleLocalizer.Cultures];
            o.SupportedUICultures = [.. ConsoleLocalizer.Cultures];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = ConsoleLocalizer.CookieName },
                new CustomRequestCultureProvider(context => Task.FromResult(ArabicFirst(context))),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // Arabic is written as text, not as numeric character references; markup characters are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // Cookie keys live in our database, so a login stays valid across restarts and on every instance.
        services.AddDataProtection().SetApplicationName("AlertBot").PersistKeysToDbContext<AlertBotDb>();
        return services;
    }

    /// <summary>The console's pages and its one stylesheet, served from the assembly: nothing comes from outside.</summary>
    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder endpoints)
    {
        var css = ReadAsset("console.css");
        endpoints.MapGet("/console.css", () => Results.Text(css, "text/css; charset=utf-8")).AllowAnonymous();
        var script = ReadAsset("console.js");
        endpoints.MapGet("/console.js", () => Results.Text(script, "text/javascript; charset=utf-8")).AllowAnonymous();
        endpoints.MapGet("/language/{code}", ChooseLanguage).AllowAnonymous();
        endpoints.MapRazorPages();
        endpoints.MapJobsDashboard().RequireAuthorization(Policies.Console);
        return endpoints;
    }

    /// <summary>Request localization with the console's cultures: put it before authentication, so the login page is translated too.</summary>
    /// <summary>
    /// A browser that prefers any Arabic (<c>ar</c>, <c>ar-SA</c>, <c>ar-EG</c>…) reads the console in Arabic as Syrians
    /// write it (<c>ar-SY</c>: Gregorian calendar, Latin digits); the standard provider would match only <c>ar-SY</c> itself.
    /// </summary>
    private static ProviderCultureResult? ArabicFirst(HttpContext context)
    {
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        var tag = preferred?.Value.Value;
        return tag is not null && (tag.Equals("ar", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("ar-", StringComparison.OrdinalIgnoreCase))
            ? new ProviderCultureResult(ConsoleLocalizer.ArabicCulture.Name)
            : null;
    }

    public static IApplicationBuilder UseConsoleLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The language switch: remembers the choice for a year and goes back to the page it was pressed on.</summary>
    private static IResult ChooseLanguage(HttpContext context, string code, string? back)
    {
        var culture = code == "ar" ? ConsoleLocalizer.ArabicCulture : ConsoleLocalizer.EnglishCulture;
        context.Response.Cookies.Append(ConsoleLocalizer.CookieName, ConsoleLocalizer.CookieValue(culture), new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });

        // Only a path of this site: never an open redirect.
        var local = back is { Length: > 0 } && back[0] == '/' && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal);
        return Results.LocalRedirect(local ? back! : "/");
    }

    private static string ReadAsset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AlertBot.Assets." + name)
            ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
