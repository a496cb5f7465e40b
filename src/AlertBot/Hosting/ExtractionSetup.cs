using AlertBot.Extraction;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

/// <summary>The <c>Extraction</c> section.</summary>
public sealed class ExtractionOptions
{
    public const string Section = "Extraction";

    /// <summary>A directory of extra gazetteer CSV files (same columns as the bundled one) that add places or aliases without a rebuild.</summary>
    public string? GazetteerDirectory { get; set; }
}

internal static class ExtractionSetup
{
    public static IServiceCollection AddExtraction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.Section))
            .Validate(
                o => string.IsNullOrWhiteSpace(o.GazetteerDirectory) || Directory.Exists(o.GazetteerDirectory),
                "Extraction:GazetteerDirectory names a directory that does not exist")
            .ValidateOnStart();

        // Loaded once: the gazetteer and the extractor are immutable and thread-safe.
        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<ExtractionOptions>>().Value.GazetteerDirectory;
            return Gazetteer.LoadDefault(string.IsNullOrWhiteSpace(directory) ? null : directory);
        });
        services.AddSingleton(sp => new ReportExtractor(sp.GetRequiredService<Gazetteer>()));
        return services;
    }
}
