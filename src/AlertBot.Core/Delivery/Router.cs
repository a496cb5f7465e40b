using AlertBot.Core.Routing;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Delivery;

/// <summary>
/// Turns a routing task into outbox rows: the recipients the index matches for a confirmed event get an alert row each
/// (unique per recipient and event, so routing again adds nothing); recipients already sent an alert get an update row
/// when the event changes, is retracted or is merged, and a notice replying to their alert when it is retracted or its
/// type or place is corrected. Alert rows are written in chunks, each committed, so the
/// dispatcher starts on the first recipients while the rest are still being written.
/// </summary>
public sealed partial class Router(AlertBotDbFactory dbFactory, RoutingIndex index, PipelineSignals signals, DeliveryMetrics metrics, TimeProvider time, ILogger<Router> logger)
{
    public const int ChunkSize = 5000;

    /// <summary>Routes one task; returns how many outbox rows it added or re-armed.</summary>
    public async Task<int> RouteAsync(RoutingTask task, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == task.EventId, ct);
        if (e is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var routed = 0;
        if (e.Status == EventStatus.Confirmed && task.Reason is RoutingReasons.Confirmed or RoutingReasons.Changed or RoutingReasons.Corrected)
        {
            var matches = await index.MatchAsync(new RoutingSubject(e.EventTypes, e.PlaceIds, e.ActorIds), ct);
            var instant = matches.Where(m => m.Mode == DeliveryMode.Instant).Select(m => m.RecipientId).ToList();
            instant.Sort(); // oldest subscribers first, and a stable order for resumed routing
            foreach (var chunk in instant.Chunk(ChunkSize))
            {
                routed += await OutboxWriter.AddAlertsAsync(db, e.Id, chunk, now, ct);
                signals.Dispatch.Signal();
            }

            LogRouted(e.Id, task.Reason, instant.Count, routed);
        }
        else if (e.Status != EventStatus.Confirmed)
        {
            var cancelled = await OutboxWriter.CancelPendingAlertsAsync(db, e.Id, $"the event was {e.Status.ToString().ToLowerInvariant()} before delivery", ct);
            if (cancelled > 0)
            {
                LogCancelled(e.Id, cancelled, e.Status);
            }
        }

        if (task.Reason is RoutingReasons.Changed or RoutingReasons.Corrected or RoutingReasons.Retracted or RoutingReasons.Merged)
        {
            // Notices first: they are made for the chats the alert reached, and should not wait for the edits.
            if (task.Reason is RoutingReasons.Corrected or RoutingReasons.Retracted)
            {
                routed += await OutboxWriter.AddNoticesAsync(db, e.Id, task.Id, now, ct);
            }

            routed += await OutboxWriter.RequestUpdatesAsync(db, e.Id, now, ct);
            signals.Dispatch.Signal();
        }

        metrics.Routed(routed);
        return routed;
    }
}

/// <summary>Runs routing tasks as they are saved, in any process; a task interrupted by a crash is taken up after its lease.</summary>
public sealed partial class RoutingWorker(
    AlertBotDbFactory dbFactory, Router router, RoutingIndex index, PipelineSignals signals, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<RoutingWorker> logger)
    : BackgroundService
{
    private readonly string _owner = ProcessIdentity.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Loaded before the first confirmation, not during it; afterwards this only replays new changes.
                await index.CatchUpAsync(stoppingToken);
                while (await ClaimAsync(stoppingToken) is { } task)
                {
                    var routed = await router.RouteAsync(task, stoppingToken);
                    await using var db = dbFactory.Create();
                    await db.RoutingTasks.Where(t => t.Id == task.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(t => t.DoneAt, time.GetUtcNow()).SetProperty(t => t.Routed, routed).SetProperty(t => t.LeaseOwner, (string?)null), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }

            await signals.Routing.WaitAsync(poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<RoutingTask?> ClaimAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var now = time.GetUtcNow();
        var candidate = await db.RoutingTasks.AsNoTracking()
            .Where(t => t.DoneAt == null && (t.LeaseUntil == null || t.LeaseUntil < now))
            .OrderBy(t => t.Id)
            .FirstOrDefaultAsync(ct);
        if (candidate is null)
        {
            return null;
        }

        // Taking the lease is a conditional update: of two processes, only one sees a row changed.
        var until = now + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var taken = await db.RoutingTasks
            .Where(t => t.Id == candidate.Id && t.DoneAt == null && (t.LeaseUntil == null || t.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.LeaseOwner, _owner).SetProperty(t => t.LeaseUntil, until), ct);
        return taken == 1 ? candidate : await ClaimAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing failed; the task is retried after its lease")]
    private partial void LogFailed(Exception ex);
}

public sealed partial class Router
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} routed ({Reason}): {Matched} instant subscribers, {Added} new outbox rows")]
    private partial void LogRouted(long eventId, string reason, int matched, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId}: {Count} undelivered alerts cancelled, the event is {Status}")]
    private partial void LogCancelled(long eventId, int count, EventStatus status);
}
