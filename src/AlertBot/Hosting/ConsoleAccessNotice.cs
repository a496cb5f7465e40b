using AlertBot.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AlertBot.Hosting;

/// <summary>Once the server listens, logs where the console is and, when no user is configured, the one-time password.</summary>
internal sealed partial class ConsoleAccessNotice(
    IHostApplicationLifetime lifetime,
    IServer server,
    ConsoleCredentials credentials,
    ILogger<ConsoleAccessNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogConsole(logger, address + "/");
            }

            if (credentials.OneTimePassword is { } password)
            {
                LogOneTimePassword(logger, ConsoleCredentials.OneTimeLogin, password);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Web console: {Url}")]
    private static partial void LogConsole(ILogger logger, string url);

    [LoggerMessage(LogLevel.Warning, "No Console:Users configured. Log in as '{Login}' with the one-time password {Password} (valid until this process stops)")]
    private static partial void LogOneTimePassword(ILogger logger, string login, string password);
}
