using System.Diagnostics.Metrics;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlertBot.Core.Events;

/// <summary>The pipeline's instruments on the <c>AlertBot</c> meter: reports in and relevant, events by state, and two latencies.</summary>
public sealed class PipelineMetrics
{
    private readonly Counter<long> _reports;
    private readonly Counter<long> _relevant;
    private readonly Histogram<double> _reportToPending;
    private readonly Histogram<double> _pendingToConfirmed;
    private volatile IReadOnlyDictionary<EventStatus, int> _states = Enum.GetValues<EventStatus>().ToDictionary(s => s, _ => 0);

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertBotMetrics.MeterName);
        _reports = meter.CreateCounter<long>("alertbot.reports.received", "{report}", "Reports submitted, by outcome (stored or duplicate)");
        _relevant = meter.CreateCounter<long>("alertbot.reports.relevant", "{report}", "Stored reports the extractor found relevant");
        _reportToPending = meter.CreateHistogram<double>("alertbot.events.report_to_pending.duration", "s", "From a report's publication (or arrival) to its pending event");
        _pendingToConfirmed = meter.CreateHistogram<double>("alertbot.events.pending_to_confirmed.duration", "s", "From an event's creation to its confirmation");
        meter.CreateObservableGauge("alertbot.events", () => _states.Select(s =>
            new Measurement<int>(s.Value, new KeyValuePair<string, object?>("status", s.Key.ToString().ToLowerInvariant()))),
            "{event}", "Events by status (sampled every few seconds)");
    }

    public void ReportReceived(bool duplicate) =>
        _reports.Add(1, new KeyValuePair<string, object?>("outcome", duplicate ? "duplicate" : "stored"));

    public void ReportRelevant() => _relevant.Add(1);

    public void ReachedPendingEvent(TimeSpan took) => _reportToPending.Record(Math.Max(0, took.TotalSeconds));

    public void Confirmed(TimeSpan pendingFor) => _pendingToConfirmed.Record(Math.Max(0, pendingFor.TotalSeconds));

    public void SetEventStates(IReadOnlyDictionary<EventStatus, int> states) =>
        _states = Enum.GetValues<EventStatus>().ToDictionary(s => s, s => states.GetValueOrDefault(s));
}

/// <summary>Counts events by status for the gauge, every 5 seconds (the gauge callback itself cannot query the database).</summary>
internal sealed class EventStateSampler(IServiceScopeFactory scopes, PipelineMetrics metrics, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first sample waits until the host has started, so that it never races the migrations that run at start.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
                var counts = await db.Events.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(stoppingToken);
                metrics.SetEventStates(counts.ToDictionary(c => c.Key, c => c.Count));
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The database is briefly unreachable: the next tick samples again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
