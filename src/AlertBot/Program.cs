using AlertBot.Api;
using AlertBot.Core;
using AlertBot.Core.Delivery;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Events;
using AlertBot.Discord;
using AlertBot.Hosting;
using AlertBot.Maps;
using AlertBot.Sandbox;
using AlertBot.Security;
using AlertBot.Telegram;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var (verb, file, configurationArgs) = Verbs.Parse(args);
if (verb == Verbs.HashPassword)
{
    return Verbs.PrintPasswordHash(Console.In, Console.Out, Console.Error);
}

if (verb == Verbs.Probe)
{
    return await Verbs.ProbeAsync(file, Console.Error, CancellationToken.None);
}

if (!Verbs.All.Contains(verb))
{
    Console.Error.WriteLine($"alertbot: unknown verb '{verb}' (known: {string.Join(", ", Verbs.All)})");
    return 2;
}

if (verb == Verbs.Import && file is null)
{
    Console.Error.WriteLine("alertbot: import needs a file: import FILE [--Section:Key=value…]");
    return 2;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = configurationArgs,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddAlertBotHosting(configurationArgs);

builder.Services
    .AddAlertBotCore()
    .AddDigestMaps()
    .AddSandbox()
    .AddTelegram(builder.Configuration)
    .AddDiscord(builder.Configuration)
    .AddStorage(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddExtraction(builder.Configuration)
    .AddEventPipeline(builder.Configuration)
    .AddDelivery(builder.Configuration)
    .AddFeeds(builder.Configuration)
    .AddSecurity(builder.Configuration)
    .AddWebConsole()
    .AddAlertBotApi()
    .AddDemo(builder.Configuration)
    .AddTelemetry();

var app = builder.Build();
if (StartupValidation.Fails(app, out var error))
{
    Console.Error.WriteLine($"alertbot: configuration error: {error}");
    return 2;
}

if (await StartupChecks.FindProblemAsync(app, verb) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 2;
}

switch (verb)
{
    case Verbs.Migrate:
        return Verbs.Migrated(app);
    case Verbs.Extract:
        return await Verbs.ExtractAsync(app, file);
    case Verbs.Import:
        return await Verbs.ImportAsync(app, file!, Console.Out, Console.Error, CancellationToken.None);
}

app.UseErrorPages();
app.UseConsoleLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapAlertBotApi();
app.MapTelegram();
app.MapDiscord();
app.MapWebConsole();

var fatalStop = app.Services.GetRequiredService<FatalStop>();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (fatalStop.Reason is not null)
{
    // Stopped while still starting (Discord refused the token at once): the reason is said below.
}

if (fatalStop.Reason is { } fatal)
{
    Console.Error.WriteLine($"alertbot: stopped: {fatal}");
    return FatalStop.ExitCode;
}

return 0;

/// <summary>The entry point; public so that integration tests can host it.</summary>
public partial class Program;
