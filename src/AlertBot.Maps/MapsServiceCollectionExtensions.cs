using AlertBot.Core.Digests;
using AlertBot.Extraction;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.Maps;

public static class MapsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DigestMapRenderer"/> as the <see cref="IDigestMapRenderer"/> (it needs the gazetteer registered).</summary>
    public static IServiceCollection AddDigestMaps(this IServiceCollection services, DigestMapOptions? options = null) =>
        services.AddSingleton<IDigestMapRenderer>(sp => new DigestMapRenderer(sp.GetRequiredService<Gazetteer>(), options));
}
