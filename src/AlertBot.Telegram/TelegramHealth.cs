using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AlertBot.Telegram;

/// <summary>
/// Whether updates are coming in: polling (or registering the webhook) that has failed for longer than
/// <c>Telegram:DegradedAfterSeconds</c> makes <c>/ready</c> say degraded, naming the last error. A standby instance
/// (another one polls) is healthy.
/// </summary>
public sealed class TelegramHealth(IOptions<TelegramOptions> options, TimeProvider time) : IHealthCheck
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
                return Task.FromResult(HealthCheckResult.Degraded($"Telegram has failed since {since:O}: {_lastError}"));
            }

            return Task.FromResult(HealthCheckResult.Healthy());
        }
    }
}
