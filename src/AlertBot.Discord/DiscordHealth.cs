using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// Whether Discord is reachable: in gateway mode, a gateway that has been down (or unacknowledged) for longer than
/// <c>Discord:DegradedAfterSeconds</c> makes <c>/ready</c> say degraded, naming the last error; so does registering the
/// commands failing for that long. A standby instance (another one holds the gateway) is healthy.
/// </summary>
public sealed class DiscordHealth(IOptions<DiscordOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;
    private string? _lastError;

    public void Succeeded()
    {
        lock (_lock)
        {
            _failingSince = null;
            _lastError = null;
        }
    }

    public void Failed(string error)
    {
        lock (_lock)
        {
            _failingSince ??= time.GetUtcNow();
            _lastError = error;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var degradedAfter = TimeSpan.FromSeconds(options.Value.DegradedAfterSeconds);
            if (_failingSince is { } since && time.GetUtcNow() - since >= degradedAfter)
            {
                return Task.FromResult(HealthCheckResult.Degraded($"Discord has failed since {since:O}: {_lastError}"));
            }

            return Task.FromResult(HealthCheckResult.Healthy());
        }
    }
}
