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
    private DateTimeOffset? _lastSuccess;
    private string? _lastError;

    /// <summary>Data keys of the health entry, which the console's overview shows.</summary>
    public const string ModeKey = "mode";
    public const string LastSuccessKey = "last_success";

    public void Succeeded()
    {
        lock (_lock)
        {
            _failingSince = null;
            _lastError = null;
            _lastSuccess = time.GetUtcNow();
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
            var data = new Dictionary<string, object> { [ModeKey] = options.Value.Mode == TelegramMode.Webhook ? "webhook" : "polling" };
            if (_lastSuccess is { } last)
            {
                data[LastSuccessKey] = last;
            }

            var degradedAfter = TimeSpan.FromSeconds(options.Value.DegradedAfterSeconds);
            if (_failingSince is { } since && time.GetUtcNow() - since >= degradedAfter)
            {
                return Task.FromResult(HealthCheckResult.Degraded($"Telegram has failed since {since:O}: {_lastError}", data: data));
            }

            return Task.FromResult(HealthCheckResult.Healthy(data: data));
        }
    }
}
