using AlertBot.Core.Platforms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// Brings the slash commands up to date at start: one bulk overwrite, globally or in each of <c>Discord:GuildIds</c>
/// (instant there, for testing). Failures back off (a 429's retry_after at least) and never stop the host; at shutdown
/// the interactions being handled are let finish.
/// </summary>
internal sealed partial class DiscordStartupService(
    DiscordRestClient client,
    DiscordInbound inbound,
    DiscordHealth health,
    DiscordMetrics metrics,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordStartupService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var application = options.Value.ApplicationId!;
        IReadOnlyList<string?> scopes = options.Value.Guilds.Count == 0 ? [null] : [.. options.Value.Guilds];
        try
        {
            foreach (var guild in scopes)
            {
                var backoff = FirstBackoff;
                while (true)
                {
                    try
                    {
                        var registered = await client.OverwriteCommandsAsync(application, guild, DiscordCommands.Definitions(), stoppingToken);
                        LogRegistered(registered?.Count ?? 0, guild ?? "every server and DM");
                        health.Succeeded();
                        break;
                    }
                    catch (PlatformException ex) when (ex.Failure != PlatformFailure.Rejected)
                    {
                        metrics.Error("commands");
                        health.Failed("registering the commands: " + ex.Message);
                        var wait = ex.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
                        LogFailed(ex.Message, wait.TotalSeconds);
                        await Task.Delay(wait, time, stoppingToken);
                        backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                    }
                    catch (PlatformException ex)
                    {
                        metrics.Error("commands");
                        health.Failed("registering the commands: " + ex.Message);
                        LogRefused(ex.Message);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await inbound.DrainAsync().WaitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: {Count} slash commands registered ({Scope})")]
    private partial void LogRegistered(int count, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: registering the slash commands failed ({Reason}); again in {Seconds} s")]
    private partial void LogFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: Discord refused the slash commands ({Reason}); they stay as they were")]
    private partial void LogRefused(string reason);
}
