using System.Diagnostics.Metrics;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Delivery;

/// <summary>This process's name in leases: machine, process id and a random part (a restarted process is someone new).</summary>
public static class ProcessIdentity
{
    public static string Name { get; } = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");

    private static string Truncate(string s) => s.Length <= 100 ? s : s[^100..];
}

/// <summary>Outbox and delivery instruments (meter <c>AlertBot</c>); sent, failed and rate-limited counts are in <see cref="Diagnostics.AlertBotMetrics"/>.</summary>
public sealed class DeliveryMetrics
{
    private readonly Histogram<double> _confirmToSend;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _deferred;
    private long _outboxDepth;

    public DeliveryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Diagnostics.AlertBotMetrics.MeterName);
        _confirmToSend = meter.CreateHistogram<double>(
            "alertbot.delivery.confirm_to_send.duration", "s", "From an event's confirmation to its alert handed to the platform, per recipient",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });
        _routed = meter.CreateCounter<long>("alertbot.delivery.routed", "{row}", "Outbox rows added or re-armed by routing");
        _deadLettered = meter.CreateCounter<long>("alertbot.delivery.dead_lettered", "{row}", "Outbox rows given up on, by platform and failure");
        _deferred = meter.CreateCounter<long>("alertbot.delivery.deferred", "{row}", "Outbox rows put back because their chat must wait for the platform's limits");
        meter.CreateObservableGauge("alertbot.outbox.depth", () => Interlocked.Read(ref _outboxDepth), "{row}", "Outbox rows waiting to be sent");
    }

    public void ConfirmToSend(string platform, TimeSpan took) =>
        _confirmToSend.Record(Math.Max(0, took.TotalSeconds), new KeyValuePair<string, object?>("platform", platform));

    public void Routed(int rows) => _routed.Add(rows);

    public void Deferred(string platform) => _deferred.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void DeadLettered(string platform, string failure) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("failure", failure));

    public void SetOutboxDepth(long depth) => Interlocked.Exchange(ref _outboxDepth, depth);
}

/// <summary>Samples the outbox depth for <see cref="DeliveryMetrics"/> every few seconds.</summary>
internal sealed partial class OutboxDepthSampler(AlertBotDbFactory dbFactory, DeliveryMetrics metrics, TimeProvider time, ILogger<OutboxDepthSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        try
        {
            do
            {
                try
                {
                    await using var db = dbFactory.Create();
                    metrics.SetOutboxDepth(await db.Outbox.LongCountAsync(o => o.State == OutboxState.Pending, stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSampleFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the outbox; trying again in 5 s")]
    private partial void LogSampleFailed(Exception ex);
}
