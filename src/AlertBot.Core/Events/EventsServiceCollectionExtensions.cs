using AlertBot.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The pipeline: extraction (gazetteer and extractor, built once), ingestion, clustering, moderation and their metrics.</summary>
    public static IServiceCollection AddEventPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>();

        services.TryAddSingleton(_ => Gazetteer.LoadDefault());
        services.TryAddSingleton(sp => new ReportExtractor(sp.GetRequiredService<Gazetteer>()));
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
