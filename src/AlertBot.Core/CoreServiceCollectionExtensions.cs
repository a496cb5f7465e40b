using AlertBot.Core.Conversation;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Digests;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AlertBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Storage, conversation, the platform port and chat lifecycle. Core registers no platform: each adapter does (<c>AddSandbox()</c>, …).</summary>
    public static IServiceCollection AddAlertBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<AlertBotMetrics>();
        services.AddSingleton<Diagnostics.FatalStop>();
        services.AddSingleton<AlertBotDbFactory>();
        services.AddScoped(sp => sp.GetRequiredService<AlertBotDbFactory>().Create());
        services.AddSingleton<ChatPlatforms>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<InboundReceipts>();
        services.AddSingleton<IssuedButtons>();
        services.AddScoped<ChatLifecycle>();
        services.AddScoped<IChatMigrations>(sp => sp.GetRequiredService<ChatLifecycle>());
        services.AddScoped<ConversationService>();
        services.AddSingleton<RoutingIndex>();
        services.AddScoped<SubscriptionService>();
        services.AddSingleton<SubscriptionTargets>();
        services.AddSingleton<DigestFilterMatcher>();
        services.AddSingleton<DigestBuilder>(sp => new(sp.GetRequiredService<Extraction.Gazetteer>(), sp.GetRequiredService<DigestFilterMatcher>()));
        services.AddScoped<DigestQueries>();
        services.AddScoped<DigestJob>();
        services.AddScoped<DigestSettings>();
        services.AddSingleton<Delivery.IOutboxComposer, DigestComposer>();

        return services;
    }
}
