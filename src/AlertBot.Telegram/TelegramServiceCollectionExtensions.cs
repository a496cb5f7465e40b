using AlertBot.Core.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Telegram, when <c>Telegram:BotToken</c> is set: its options (validated at start, naming the key), the Bot API
    /// clients (request logging off: the token is in every URL), <see cref="TelegramPlatform"/> with its send gate, the
    /// inbound side, the updates service (polling or webhook registration), its health check on <c>/ready</c> and its
    /// metrics. The webhook route is mapped by <see cref="TelegramWebhook.MapTelegram"/>.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]))
        {
            return services;
        }

        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section))
            .Validate(o => TelegramOptions.IsValidToken(o.BotToken), "Telegram:BotToken must look like <bot id>:<secret>, as @BotFather gives it")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Telegram:ApiBaseUrl must be an absolute http(s) address")
            .Validate(o => Enum.IsDefined(o.Mode), "Telegram:Mode must be Polling or Webhook")
            .Validate(o => o.Mode != TelegramMode.Webhook || (Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme == "https"),
                "Telegram:WebhookUrl must be an https address in webhook mode")
            .Validate(o => o.Mode != TelegramMode.Webhook || TelegramOptions.IsValidSecret(o.WebhookSecret),
                "Telegram:WebhookSecret is required in webhook mode: 1–256 characters of A–Z, a–z, 0–9, _ and -")
            .Validate(o => o.PollTimeoutSeconds is >= 0 and <= 50, "Telegram:PollTimeoutSeconds must be between 0 and 50")
            .Validate(o => o.MessagesPerSecond is >= 1 and <= 1000 && o.ChatMessagesPerSecond is >= 1 and <= 100 && o.GroupMessagesPerMinute is >= 1 and <= 6000,
                "Telegram:MessagesPerSecond (1–1000), Telegram:ChatMessagesPerSecond (1–100) and Telegram:GroupMessagesPerMinute (1–6000) are out of range")
            .Validate(o => o.PaidMessagesPerSecond is >= 1 and <= 1000, "Telegram:PaidMessagesPerSecond must be between 1 and 1000")
            .Validate(o => o.ModeratorChatId is null or < 0, "Telegram:ModeratorChatId must be a group's id (negative, e.g. -1001234567890)")
            .Validate(o => o.DegradedAfterSeconds is >= 1 and <= 86400, "Telegram:DegradedAfterSeconds must be between 1 and 86400")
            .ValidateOnStart();

        services.AddHttpClient(TelegramClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.AddHttpClient(TelegramClient.PollingClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollTimeoutSeconds + 15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

        services.AddSingleton<TelegramClient>();
        services.AddSingleton<TelegramPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<TelegramPlatform>());
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<ISubscribeLinks, TelegramSubscribeLinks>();
        services.AddSingleton<TelegramMetrics>();
        services.AddSingleton<TelegramHealth>();
        services.AddSingleton<TelegramInbound>();
        services.AddSingleton<TelegramManagedChats>();
        services.AddHostedService<TelegramUpdatesService>();
        services.AddSingleton<TelegramModeratorCards>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramModeratorCards>());
        services.AddHealthChecks().AddCheck<TelegramHealth>("telegram", tags: ["ready"]);
        return services;
    }
}
