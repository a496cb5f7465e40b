using AlertBot.Core.Conversation;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Sandbox;
using AlertBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section)
            .Validate(o => o.MessagesPerSecond >= 1 && o.ChatMessagesPerSecond >= 1 && o.GroupMessagesPerMinute >= 1,
                "Sandbox:MessagesPerSecond, Sandbox:ChatMessagesPerSecond and Sandbox:GroupMessagesPerMinute must be at least 1")
            .ValidateOnStart();
        services.AddSingleton(sp => new SandboxFaults(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SandboxPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SandboxPlatform>());
        services.AddSingleton<SandboxChats>();
        return services;
    }
}
