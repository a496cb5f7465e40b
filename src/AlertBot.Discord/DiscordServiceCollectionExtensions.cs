using AlertBot.Core.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Discord, when <c>Discord:BotToken</c> is set: its options (validated at start, naming the key), the REST client
    /// (request logging off), <see cref="DiscordPlatform"/> with its learned buckets as the send gate, the inbound side
    /// (the gateway service or the interactions endpoint, mapped by <see cref="DiscordInteractionsEndpoint.MapDiscord"/>),
    /// the slash commands' registration, its health check on <c>/ready</c> and its metrics.
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.Section}:{nameof(DiscordOptions.BotToken)}"]))
        {
            return services;
        }

        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.Section))
            .Validate(o => DiscordOptions.IsValidToken(o.BotToken), "Discord:BotToken must be the bot's token from the Developer Portal (Bot → Reset Token)")
            .Validate(o => DiscordOptions.IsSnowflake(o.ApplicationId), "Discord:ApplicationId must be the application's id (a number, Developer Portal → General Information)")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Discord:ApiBaseUrl must be an absolute http(s) address")
            .Validate(o => o.GatewayUrl is null || (Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss"),
                "Discord:GatewayUrl must be an absolute ws(s) address")
            .Validate(o => Enum.IsDefined(o.Mode), "Discord:Mode must be Gateway or Interactions")
            .Validate(o => o.Mode != DiscordMode.Interactions || DiscordOptions.IsValidPublicKey(o.PublicKey),
                "Discord:PublicKey is required in Interactions mode: the application's public key, 64 hex characters")
            .Validate(o => o.PublicKey is null || DiscordOptions.IsValidPublicKey(o.PublicKey), "Discord:PublicKey must be 64 hex characters")
            .Validate(o => o.Guilds.All(DiscordOptions.IsSnowflake), "Discord:GuildIds must be server ids separated by commas")
            .Validate(o => o.ModeratorChannelId is null || DiscordOptions.IsSnowflake(o.ModeratorChannelId), "Discord:ModeratorChannelId must be a channel id")
            .Validate(o => o.DegradedAfterSeconds is >= 1 and <= 86400, "Discord:DegradedAfterSeconds must be between 1 and 86400")
            .Validate(o => o.MaxSignatureAgeSeconds is >= 5 and <= 3600, "Discord:MaxSignatureAgeSeconds must be between 5 and 3600")
            .Validate(o => o.DeferAfterMilliseconds is >= 0 and <= 2500, "Discord:DeferAfterMilliseconds must be between 0 and 2500")
            .Validate(o => o.GlobalRequestsPerSecond is >= 1 and <= 50, "Discord:GlobalRequestsPerSecond must be between 1 and 50")
            .ValidateOnStart();

        services.AddHttpClient(DiscordRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

        services.AddSingleton(sp => new DiscordRateLimits(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DiscordOptions>>().Value.GlobalRequestsPerSecond));
        services.AddSingleton<DiscordMetrics>();
        services.AddSingleton<DiscordHealth>();
        services.AddSingleton<DiscordRestClient>();
        services.AddSingleton<DiscordPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<DiscordPlatform>());
        services.AddSingleton<DiscordCommands>();
        services.AddSingleton<DiscordInbound>();
        services.AddSingleton<DiscordSignatures>();
        services.AddHostedService<DiscordStartupService>();
        services.AddHostedService<DiscordGatewayService>();
        services.AddSingleton<DiscordModeratorCards>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordModeratorCards>());
        services.AddHealthChecks().AddCheck<DiscordHealth>("discord", tags: ["ready"]);
        return services;
    }
}
