using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AlertBot.Core.Storage;
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
        endpoints.MapRazorPages();
        endpoints.MapJobsDashboard().RequireAuthorization(Policies.Console);
        return endpoints;
    }

    private static string ReadAsset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AlertBot.Assets." + name)
            ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
