using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

internal static class HostingSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Configuration sources, logging to stderr, the listening address and error responses.</summary>
    public static WebApplicationBuilder AddAlertBotHosting(this WebApplicationBuilder builder, string[] configurationArgs)
    {
        // appsettings, then user secrets, then environment variables, then the command line (CONTRACTS.md).
        builder.Configuration.AddUserSecrets(typeof(HostingSetup).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(configurationArgs);

        // Logs go to stderr so that stdout stays clean for verbs that print data.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails();
        return builder;
    }
}

internal static class StartupValidation
{
    /// <summary>Validates every option marked ValidateOnStart before anything starts, so a bad setting is one clear line.</summary>
    public static bool Fails(WebApplication app, out string? error)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            error = null;
            return false;
        }
        catch (Exception ex) when (StartupError.Describe(ex) is { } description)
        {
            error = description;
            return true;
        }
    }
}
