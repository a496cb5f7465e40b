using AlertBot.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>The <c>Feeds</c> options (validated at start), one shared fetcher, source health, the poller and the source catalog.</summary>
    public static IServiceCollection AddFeedPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedsOptions>().Bind(configuration.GetSection(FeedsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();

        // One instance for the process: its per-host limits live in it.
        services.AddSingleton(sp => FeedFetcher.Create(sp.GetRequiredService<IOptions<FeedsOptions>>().Value.FetcherOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FeedSourceHealth(sp.GetRequiredService<IOptions<FeedsOptions>>().Value.HealthOptions()));
        services.AddSingleton<FeedMetrics>();
        services.AddScoped<FeedPoller>();
        services.AddScoped<FeedSourceCatalog>();
        return services;
    }
}
