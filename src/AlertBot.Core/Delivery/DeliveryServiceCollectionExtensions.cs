using AlertBot.Core.Events;
using AlertBot.Core.Rendering;
using AlertBot.Core.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Routing and delivery: the router and the dispatcher run as hosted services in every process.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();

        services.AddSingleton<AlertRenderer>();
        services.AddSingleton<IOutboxComposer, AlertComposer>();
        services.AddSingleton<IOutboxComposer, UpdateComposer>();
        services.AddSingleton<IOutboxComposer, NoticeComposer>();
        services.AddSingleton<PipelineSignals>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<DispatchLeadership>();
        services.AddSingleton<Router>();
        services.AddSingleton<Dispatcher>();

        services.AddHostedService<RoutingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        services.AddHostedService<OutboxDepthSampler>();
        return services;
    }
}
