using AlertBot.Core.Conversation;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Sandbox;
using AlertBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AlertBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Storage, conversation, the platform port and the sandbox platform.</summary>
    public static IServiceCollection AddAlertBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<AlertBotMetrics>();
        services.AddSingleton<AlertBotDbFactory>();
        services.AddScoped(sp => sp.GetRequiredService<AlertBotDbFactory>().Create());
        services.AddSingleton<ChatPlatforms>();
        services.AddSingleton<MessageSender>();
        services.AddScoped<ConversationService>();
        services.AddSingleton<RoutingIndex>();
        services.AddScoped<SubscriptionService>();
        services.AddSingleton<SubscriptionTargets>();

        services.AddSingleton<SandboxPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SandboxPlatform>());
        services.AddSingleton<SandboxChats>();
        return services;
    }
}
