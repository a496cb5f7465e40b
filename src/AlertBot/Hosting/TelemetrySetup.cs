using AlertBot.Core.Diagnostics;
using OpenTelemetry.Metrics;

namespace AlertBot.Hosting;

internal static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(AlertBotMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }
}
