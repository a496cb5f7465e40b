using System.Diagnostics.Metrics;
using AlertBot.Core.Diagnostics;

namespace AlertBot.Discord;

/// <summary>
/// The adapter's instruments, on the bot's meter (exported at <c>/metrics</c>): 429s by bucket and scope, the
/// invalid requests of the last 10 minutes (Discord bans an address at 10,000 answers of 401, 403 or 429 in that
/// time), interactions by type, the gateway's heartbeat latency, reconnects and resumes, and errors by kind.
/// </summary>
public sealed class DiscordMetrics
{
    /// <summary>Discord's invalid-request window.</summary>
    public static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _invalidTotal;
    private readonly Counter<long> _interactions;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _resumes;
    private readonly Histogram<double> _heartbeat;

    public DiscordMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(AlertBotMetrics.MeterName);
        _rateLimited = meter.CreateCounter<long>("alertbot.discord.rate_limited", "{response}", "429 answers from Discord, by bucket and scope");
        _invalidTotal = meter.CreateCounter<long>("alertbot.discord.invalid_requests", "{response}", "Answers of 401, 403 and 429 (but shared 429s), which Discord counts toward its ban");
        meter.CreateObservableGauge("alertbot.discord.invalid_requests.window", () => (long)InvalidRequestsInWindow, "{response}",
            "Invalid requests in the last 10 minutes (Discord bans the address at 10,000)");
        _interactions = meter.CreateCounter<long>("alertbot.discord.interactions", "{interaction}", "Interactions received, by type");
        _errors = meter.CreateCounter<long>("alertbot.discord.errors", "{error}", "Gateway, endpoint and handling errors, by kind");
        _reconnects = meter.CreateCounter<long>("alertbot.discord.gateway.reconnects", "{reconnect}", "Gateway connections opened again, by reason");
        _resumes = meter.CreateCounter<long>("alertbot.discord.gateway.resumes", "{resume}", "Gateway sessions resumed");
        _heartbeat = meter.CreateHistogram<double>("alertbot.discord.gateway.heartbeat_latency", "s", "Time from a heartbeat to its ACK");
    }

    /// <summary>Invalid requests in the last <see cref="InvalidRequestWindow"/>.</summary>
    public int InvalidRequestsInWindow
    {
        get
        {
            lock (_lock)
            {
                Trim();
                return _invalid.Count;
            }
        }
    }

    public void RateLimited(string bucket, string scope) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("bucket", bucket), new KeyValuePair<string, object?>("scope", scope));

    public void InvalidRequest(int status)
    {
        _invalidTotal.Add(1, new KeyValuePair<string, object?>("status", status));
        lock (_lock)
        {
            _invalid.Enqueue(_time.GetUtcNow());
            Trim();
        }
    }

    public void Interaction(string type) => _interactions.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Error(string kind) => _errors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Reconnected(string reason) => _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Resumed() => _resumes.Add(1);

    public void HeartbeatAcknowledged(TimeSpan latency) => _heartbeat.Record(latency.TotalSeconds);

    private void Trim()
    {
        var now = _time.GetUtcNow();
        while (_invalid.Count > 0 && now - _invalid.Peek() > InvalidRequestWindow)
        {
            _invalid.Dequeue();
        }
    }
}
