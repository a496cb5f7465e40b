using AlertBot.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline: ingestion, clustering, moderation and their metrics. It needs the <see cref="Gazetteer"/> and
    /// <see cref="ReportExtractor"/> singletons, which the host registers with its extraction settings.
    /// </summary>
    public static IServiceCollection AddEventPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>();

        services.AddOptions<ClusteringOptions>().Bind(configuration.GetSection(ClusteringOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusteringOptions>, ClusteringOptionsValidator>();
        services.AddSingleton<ModeratorDirectory>();
        services.AddSingleton<ReportPlacement>();
        services.AddSingleton<EventClustering>();
        services.AddSingleton<ClusteringGate>();
        services.AddSingleton<PipelineMetrics>();
        services.AddHostedService<EventStateSampler>();

        services.AddScoped<ReportIngestor>();
        services.AddScoped<ModerationService>();
        services.AddScoped<EventQueries>();
        return services;
    }
}
