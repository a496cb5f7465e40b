using System.Collections.Concurrent;
using System.Threading.Channels;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Delivery;

/// <summary>
/// Sends the outbox. The leading process claims due rows with a lease, has each rendered by its kind's composer from
/// its subject as it is now (<see cref="IOutboxComposer"/>),
/// waits for the platform's rate limits, sends, and records the platform's message ids in the registry. A 429 holds
/// the platform for its retry_after; transient failures back off and retry; permanent ones are dead-lettered with the
/// reason, and a chat that is gone is deactivated. After a crash, rows whose lease expired are sent again: parts already
/// recorded are skipped, so at most the sends in flight at the crash are repeated.
/// <para>
/// How it keeps a platform's full rate (Telegram's paid 1,000 a second): <see cref="DeliveryOptions.Concurrency"/>
/// workers take rows from a queue that the claim loop fills a batch at a time, claiming the next batch while the last
/// rows of the current one are still going out; every write after a send goes to one writer that commits the results
/// of the moment together (<see cref="OutboxResults"/>, group commit), and the claims go through it too. Each worker
/// waits for its own result to be committed before it takes its next row, so the sends done but not yet recorded are
/// never more than the sends in flight: the duplicates after a kill -9 stay within <c>Concurrency</c>, as with one
/// commit per send. Rows claimed but not yet started are not sent twice after a crash (they were never sent); they are
/// taken again when their lease runs out.
/// </para>
/// </summary>
public sealed partial class Dispatcher(
    AlertBotDbFactory dbFactory,
    ChatPlatforms platforms,
    IEnumerable<IOutboxComposer> outboxComposers,
    DispatchLeadership leadership,
    PipelineSignals signals,
    DeliveryMetrics metrics,
    MessageSender sender,
    IServiceScopeFactory scopes,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger) : BackgroundService
{
    private readonly string _owner = ProcessIdentity.Name;
    private readonly OutboxResults _results = new(dbFactory, ProcessIdentity.Name, time, logger);

    /// <summary>Rows this process holds, queued or in flight: a claim that takes one again (its lease ran out meanwhile) leaves it to the worker that has it.</summary>
    private readonly ConcurrentDictionary<long, byte> _held = new();
    private readonly Dictionary<string, IOutboxComposer> composers = outboxComposers.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    private DeliveryOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Dispatch)
        {
            LogNotDispatching();
            return;
        }

        var writer = _results.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var lease = await leadership.AcquireAsync(stoppingToken);
                    LogLeading(_owner);
                    await DispatchWhileLeadingAsync(lease, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogLoopFailed(ex);
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            await writer;
        }
    }

    /// <summary>
    /// Claims due rows a batch at a time and keeps <see cref="DeliveryOptions.Concurrency"/> sends in flight over them
    /// while leading. The next batch is claimed while the current one's last rows are still going out (at most a batch,
    /// or <c>Concurrency</c> rows if more, wait in the queue), so the sends never stop for a claim; the loop stops claiming when the
    /// lease is lost and finishes the rows it holds.
    /// </summary>
    private async Task DispatchWhileLeadingAsync(DispatchLeadership.Lease lease, CancellationToken ct)
    {
        // Room for a whole batch (at least the sends in flight): the next claim, with its loads, runs while a batch's
        // worth of rows is still queued, so the workers do not wait for rows while it runs.
        var jobs = Channel.CreateBounded<Job>(new BoundedChannelOptions(Math.Max(Options.Concurrency, Options.BatchSize)) { SingleWriter = true });
        var workers = Enumerable.Range(0, Options.Concurrency).Select(_ => Task.Run(() => WorkAsync(jobs.Reader, ct), ct)).ToList();
        try
        {
            while (!ct.IsCancellationRequested && await lease.IsHeldAsync(ct))
            {
                if (await ClaimAsync(ct) is not { } claimed)
                {
                    await signals.Dispatch.WaitAsync(TimeSpan.FromMilliseconds(Options.PollMilliseconds), ct)
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                foreach (var row in claimed.Rows)
                {
                    await jobs.Writer.WriteAsync(new Job(row, claimed), ct);
                }
            }
        }
        finally
        {
            jobs.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task WorkAsync(ChannelReader<Job> jobs, CancellationToken ct)
    {
        await foreach (var job in jobs.ReadAllAsync(ct))
        {
            try
            {
                await HandleAsync(job.Row, job.Batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Even recording the failure failed (the database is away): the row stays leased and is taken again
                // when its lease runs out; this worker goes on with the next row.
                LogRowFailed(ex, job.Row.Id);
            }
            finally
            {
                _held.TryRemove(job.Row.Id, out _);
                if (job.Batch.Finished())
                {
                    // Rows of this batch put back for now (an update asked for again) are due: look again at once.
                    signals.Dispatch.Signal();
                }
            }
        }
    }

    /// <summary>Claims one batch of due rows and loads what sending them needs; null when none is due.</summary>
    private async Task<ClaimedBatch?> ClaimAsync(CancellationToken ct)
    {
        // Through the results' writer: on SQLite a claim of its own would wait for the writer's lock and stall it.
        List<OutboxItem> rows = [];
        await _results.WriteAsync(async (db, t) =>
        {
            rows = await OutboxClaims.ClaimAsync(db, _owner, Options.BatchSize, TimeSpan.FromSeconds(Options.LeaseSeconds), time.GetUtcNow(), t);
            return rows.Count;
        }, ct);

        // A row whose lease ran out while a worker of this process still has it (a send slower than the lease, or the
        // clock moved on) is that worker's to finish: sending it again here would send it twice.
        rows = [.. rows.Where(r => _held.TryAdd(r.Id, 0))];
        if (rows.Count == 0)
        {
            return null;
        }

        await using var db = dbFactory.Create();
        var recipientIds = rows.Select(r => r.RecipientId).Distinct().ToList();
        var recipients = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        Dictionary<string, IOutboxBatch> batches = [];
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            if (composers.GetValueOrDefault(kind.Key) is { } composer)
            {
                batches[kind.Key] = await composer.LoadAsync(db, [.. kind], ct);
            }
        }

        var keys = rows.Where(r => composers.ContainsKey(r.Kind)).Select(r => (Kind: composers[r.Kind].RegistryKind, r.SubjectId)).Distinct().ToList();
        var registryKinds = keys.Select(k => k.Kind).Distinct().ToList();
        var subjectIds = keys.Select(k => k.SubjectId).Distinct().ToList();
        var registries = (await db.SentMessages.AsNoTracking()
                .Where(m => recipientIds.Contains(m.RecipientId) && registryKinds.Contains(m.Kind) && subjectIds.Contains(m.SubjectId))
                .ToListAsync(ct))
            .ToLookup(m => (m.Kind, m.SubjectId, m.RecipientId));
        return new ClaimedBatch(rows, recipients, batches, registries);
    }

    private async Task HandleAsync(OutboxItem row, ClaimedBatch claimed, CancellationToken ct)
    {
        try
        {
            if (row.LeaseUntil is { } until && until - time.GetUtcNow() < TimeSpan.FromSeconds(Options.LeaseSeconds / 2.0))
            {
                // Waited in the queue for half its lease (a long 429 hold): put back rather than send near the lease's
                // end, when the row could be claimed again while this send is still on its way.
                await RescheduleAsync(row, time.GetUtcNow(), null, countAttempt: false, ct);
                return;
            }

            if (!composers.TryGetValue(row.Kind, out var composer))
            {
                await FinishAsync(row, OutboxState.Dead, $"no composer for outbox rows of kind '{row.Kind}'", ct);
                return;
            }

            var registry = claimed.Registries[(composer.RegistryKind, row.SubjectId, row.RecipientId)].OrderBy(m => m.Part).ToList();
            await SendAsync(row, claimed.Recipients.GetValueOrDefault(row.RecipientId), composer, claimed.Batches[row.Kind], registry, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Our own failure (database, rendering): retried with backoff like a transient platform error.
            LogRowFailed(ex, row.Id);
            var reason = ex.GetType().Name + ": " + ex.Message;
            if (row.Attempts < Options.MaxAttempts)
            {
                await RetryLaterAsync(row, reason, ct);
            }
            else
            {
                await FinishAsync(row, OutboxState.Dead, $"gave up after {row.Attempts} attempts: {reason}", ct);
            }
        }
    }

    /// <param name="registry">The messages already sent to this recipient about the row's subject, by part.</param>
    private async Task SendAsync(OutboxItem row, Recipient? recipient, IOutboxComposer composer, IOutboxBatch batch, List<SentMessage> registry, CancellationToken ct)
    {
        if (recipient is null)
        {
            return; // the recipient was forgotten (/stop): its rows went with it
        }

        if (!recipient.Active)
        {
            await FinishAsync(row, OutboxState.Cancelled, "the recipient was deactivated: " + recipient.DeactivatedReason, ct);
            return;
        }

        if (recipient.Paused && composer.CancelledWhenPaused)
        {
            await FinishAsync(row, OutboxState.Cancelled, "the chat paused its alerts", ct);
            return;
        }

        var now = time.GetUtcNow();
        var platform = platforms.Get(recipient.Platform);
        Composition.Send send;
        switch (batch.Compose(row, recipient, platform, registry, now))
        {
            case Composition.Cancel cancel:
                await FinishAsync(row, OutboxState.Cancelled, cancel.Reason, ct);
                return;
            case Composition.Later later:
                await RescheduleAsync(row, later.Due, later.Reason, countAttempt: false, ct);
                return;
            case Composition.Send s:
                send = s;
                break;
            default:
                throw new InvalidOperationException($"The {row.Kind} composer gave an answer the dispatcher does not know.");
        }

        var silent = composer.Quiet == QuietRule.AlwaysSilent;
        if (!silent && QuietHours.EndOfWindow(recipient, now) is { } quietUntil)
        {
            if (composer.Quiet == QuietRule.Hold && recipient.QuietMode == QuietMode.Hold)
            {
                await RescheduleAsync(row, quietUntil, null, countAttempt: false, ct);
                return;
            }

            silent = true;
        }

        var chat = recipient.ToChatRef();
        var parts = send.PiecesFor(platform.Capabilities);
        var maxWait = TimeSpan.FromMilliseconds(Options.MaxSendWaitMilliseconds);
        try
        {
            for (var part = 0; part < parts.Count; part++)
            {
                var message = new OutgoingMessage(parts[part].Text)
                {
                    Image = parts[part].Image,
                    IsMarkup = true,
                    Silent = silent,
                    ReplyToMessageId = part == 0 ? send.ReplyToMessageId : null,
                    Alert = parts.Count == 1 ? send.Alert : null,
                };
                var existing = registry.FirstOrDefault(m => m.Part == part);
                if (existing is not null && !send.Edit)
                {
                    continue; // sent before a crash or a retry: not again
                }

                if (existing is not null)
                {
                    await sender.EditAsync(chat, existing.MessageId, message, ct, maxWait);
                    await RecordEditAsync(existing.Id, ct);
                }
                else
                {
                    (var messageId, chat) = await sender.SendAsync(chat, message, ct, maxWait);
                    var last = part == parts.Count - 1 && !registry.Any(m => m.Part >= parts.Count);
                    if (last)
                    {
                        var marked = await RecordLastPartAsync(row, composer.RegistryKind, part, messageId, ct);
                        RecordLatency(recipient, send, part);
                        if (marked)
                        {
                            return;
                        }
                    }
                    else
                    {
                        await RecordPartAsync(row, composer.RegistryKind, part, messageId, ct);
                        RecordLatency(recipient, send, part);
                    }
                }
            }

            // Parts the shorter text no longer needs: deleted at best effort. A delete the platform refuses (a message
            // too old to delete) leaves the part in the registry and never fails the update that carried it.
            foreach (var surplus in registry.Where(m => m.Part >= parts.Count))
            {
                if (await sender.DeleteAsync(chat, surplus.MessageId, ct))
                {
                    await _results.WriteAsync((db, t) => db.SentMessages.Where(m => m.Id == surplus.Id).ExecuteDeleteAsync(t), ct);
                }
            }

            await MarkSentAsync(row, ct);
        }
        catch (GateWaitException wait)
        {
            // This chat must wait for its platform's limits (a group at its 20 a minute): put the row back until then
            // rather than hold a dispatch slot that other chats' alerts could use.
            metrics.Deferred(recipient.Platform);
            await RescheduleAsync(row, wait.Until, null, countAttempt: false, ct);
        }
        catch (PlatformException ex)
        {
            await HandleFailureAsync(row, recipient, ex, ct);
        }
    }

    private async Task HandleFailureAsync(OutboxItem row, Recipient recipient, PlatformException ex, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        switch (ex.Failure)
        {
            case PlatformFailure.RateLimited:
                var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(1); // the sender or the adapter holds what the limit concerns as long
                LogRateLimited(recipient.Platform, wait.TotalSeconds);
                await RescheduleAsync(row, now + wait, "rate limited: " + ex.Message, countAttempt: false, ct);
                break;
            case PlatformFailure.Transient when row.Attempts < Options.MaxAttempts:
                await RetryLaterAsync(row, ex.Message, ct);
                break;
            case PlatformFailure.Transient:
                metrics.DeadLettered(recipient.Platform, ex.Failure.ToString());
                await FinishAsync(row, OutboxState.Dead, $"gave up after {row.Attempts} attempts: {ex.Message}", ct);
                break;
            case PlatformFailure.RecipientGone:
                metrics.DeadLettered(recipient.Platform, ex.Failure.ToString());
                await FinishAsync(row, OutboxState.Dead, "recipient gone: " + ex.Message, ct);
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<SubscriptionService>().DeactivateAsync(recipient.Id, ex.Message, ct);
                }

                LogDeactivated(recipient.Platform, recipient.ChatId, ex.Message);
                break;
            default:
                metrics.DeadLettered(recipient.Platform, ex.Failure.ToString());
                await FinishAsync(row, OutboxState.Dead, "refused by the platform: " + ex.Message, ct);
                break;
        }
    }

    private Task<int> RetryLaterAsync(OutboxItem row, string error, CancellationToken ct)
    {
        var exponent = Math.Min(Math.Max(row.Attempts - 1, 0), 20);
        var delay = Math.Min(Options.RetryBaseSeconds * Math.Pow(2, exponent), Options.RetryMaxSeconds);
        var jitter = Random.Shared.NextDouble() * 0.2 * delay;
        return RescheduleAsync(row, time.GetUtcNow() + TimeSpan.FromSeconds(delay + jitter), error, countAttempt: true, ct);
    }

    private Task<int> RescheduleAsync(OutboxItem row, DateTimeOffset due, string? error, bool countAttempt, CancellationToken ct) =>
        _results.WriteAsync((db, t) => Reschedule(db, row, due, error, countAttempt, t), ct);

    private Task<int> Reschedule(AlertBotDb db, OutboxItem row, DateTimeOffset due, string? error, bool countAttempt, CancellationToken ct)
    {
        var reason = Cap(error);
        var refund = countAttempt ? 0 : 1;
        return Mine(db, row).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.DueAt, due)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(o => o.Attempts, o => o.Attempts - refund)
            .SetProperty(o => o.LastError, reason), ct);
    }

    private async Task FinishAsync(OutboxItem row, OutboxState state, string reason, CancellationToken ct)
    {
        var capped = Cap(reason);
        await _results.WriteAsync((db, t) => Mine(db, row).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.State, state)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(o => o.LastError, capped), t), ct);
        if (state == OutboxState.Dead)
        {
            LogDeadLettered(row.Id, capped);
        }
    }

    private Task<int> RecordPartAsync(OutboxItem row, string registryKind, int part, string messageId, CancellationToken ct) =>
        _results.WriteAsync((db, _) =>
        {
            db.SentMessages.Add(new SentMessage { Kind = registryKind, SubjectId = row.SubjectId, RecipientId = row.RecipientId, Part = part, MessageId = messageId, SentAt = time.GetUtcNow() });
            return Task.FromResult(1);
        }, ct);

    private void RecordLatency(Recipient recipient, Composition.Send send, int part)
    {
        if (part == 0 && send.MeasuredFrom is { } from)
        {
            metrics.ConfirmToSend(recipient.Platform, time.GetUtcNow() - from);
        }
    }

    /// <summary>
    /// The common case: the last part's registry row and the outbox row marked sent, in one commit (with the other
    /// sends' results of the moment). The part is recorded either way; false when the row was not ours to mark (an
    /// update asked for again meanwhile).
    /// </summary>
    private Task<bool> RecordLastPartAsync(OutboxItem row, string registryKind, int part, string messageId, CancellationToken ct) =>
        _results.RecordSentAsync(row, new SentMessage { Kind = registryKind, SubjectId = row.SubjectId, RecipientId = row.RecipientId, Part = part, MessageId = messageId }, ct);

    private Task<int> RecordEditAsync(long registryId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return _results.WriteAsync((db, t) => db.SentMessages.Where(m => m.Id == registryId).ExecuteUpdateAsync(u => u.SetProperty(m => m.EditedAt, now), t), ct);
    }

    /// <summary>Marks the row sent; an update row asked for again meanwhile (a newer generation) is put back to be redone.</summary>
    private Task<int> MarkSentAsync(OutboxItem row, CancellationToken ct) =>
        _results.WriteAsync(async (db, t) =>
        {
            var now = time.GetUtcNow();
            var done = await MarkSentIfCurrentAsync(db, row, now, t);
            if (done == 0)
            {
                await Reschedule(db, row, now, null, countAttempt: false, t);
            }

            return done;
        }, ct);

    /// <summary>Marks the row sent if this process still holds it and no newer update was asked for; returns 1 if so, else 0.</summary>
    private Task<int> MarkSentIfCurrentAsync(AlertBotDb db, OutboxItem row, DateTimeOffset now, CancellationToken ct) =>
        Mine(db, row).Where(o => o.Generation == row.Generation).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.State, OutboxState.Sent)
            .SetProperty(o => o.SentAt, now)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(o => o.LastError, (string?)null), ct);

    private IQueryable<OutboxItem> Mine(AlertBotDb db, OutboxItem row) =>
        db.Outbox.Where(o => o.Id == row.Id && o.LeaseOwner == _owner);

    private static string? Cap(string? s) => s is { Length: > 1000 } ? s[..1000] : s;

    private sealed record Job(OutboxItem Row, ClaimedBatch Batch);

    /// <summary>One claim's rows and what sending them needs: recipients, each kind's loaded subjects, the registry.</summary>
    private sealed class ClaimedBatch(
        List<OutboxItem> rows,
        Dictionary<long, Recipient> recipients,
        Dictionary<string, IOutboxBatch> batches,
        ILookup<(string Kind, long SubjectId, long RecipientId), SentMessage> registries)
    {
        private int _remaining = rows.Count;

        public List<OutboxItem> Rows => rows;

        public Dictionary<long, Recipient> Recipients => recipients;

        public Dictionary<string, IOutboxBatch> Batches => batches;

        public ILookup<(string Kind, long SubjectId, long RecipientId), SentMessage> Registries => registries;

        /// <summary>One row is done; true for the batch's last.</summary>
        public bool Finished() => Interlocked.Decrement(ref _remaining) == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch is off in this process (Delivery:Dispatch=false)")]
    private partial void LogNotDispatching();

    [LoggerMessage(Level = LogLevel.Information, Message = "This process ({Owner}) now dispatches the outbox")]
    private partial void LogLeading(string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dispatcher loop failed; it starts again in a second")]
    private partial void LogLoopFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {RowId} failed in the bot itself; it is retried with backoff")]
    private partial void LogRowFailed(Exception ex, long rowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} answered 429: every send is held for {Seconds} s")]
    private partial void LogRateLimited(string platform, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(long rowId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recipient {Platform}:{ChatId} deactivated: {Reason}")]
    private partial void LogDeactivated(string platform, string chatId, string reason);
}
