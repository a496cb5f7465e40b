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
    private readonly Dictionary<string, IOutboxComposer> composers = outboxComposers.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    private DeliveryOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Dispatch)
        {
            LogNotDispatching();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leadership.AcquireAsync(stoppingToken);
                LogLeading(_owner);
                while (!stoppingToken.IsCancellationRequested && await lease.IsHeldAsync(stoppingToken))
                {
                    if (await RunOnceAsync(stoppingToken) == 0)
                    {
                        await signals.Dispatch.WaitAsync(TimeSpan.FromMilliseconds(Options.PollMilliseconds), stoppingToken)
                            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                }
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

    /// <summary>Claims one batch of due rows and sends them; returns how many rows were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<OutboxItem> rows;
        Dictionary<long, Recipient> recipients;
        Dictionary<string, IOutboxBatch> batches = [];
        ILookup<(string Kind, long SubjectId, long RecipientId), SentMessage> registries;
        await using (var db = dbFactory.Create())
        {
            rows = await OutboxClaims.ClaimAsync(db, _owner, Options.BatchSize, TimeSpan.FromSeconds(Options.LeaseSeconds), time.GetUtcNow(), ct);
            if (rows.Count == 0)
            {
                return 0;
            }

            var recipientIds = rows.Select(r => r.RecipientId).Distinct().ToList();
            recipients = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
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
            registries = (await db.SentMessages.AsNoTracking()
                    .Where(m => recipientIds.Contains(m.RecipientId) && registryKinds.Contains(m.Kind) && subjectIds.Contains(m.SubjectId))
                    .ToListAsync(ct))
                .ToLookup(m => (m.Kind, m.SubjectId, m.RecipientId));
        }

        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = Options.Concurrency, CancellationToken = ct },
            async (row, token) =>
            {
                try
                {
                    if (!composers.TryGetValue(row.Kind, out var composer))
                    {
                        await FinishAsync(row, OutboxState.Dead, $"no composer for outbox rows of kind '{row.Kind}'", token);
                        return;
                    }

                    var registry = registries[(composer.RegistryKind, row.SubjectId, row.RecipientId)].OrderBy(m => m.Part).ToList();
                    await SendAsync(row, recipients.GetValueOrDefault(row.RecipientId), composer, batches[row.Kind], registry, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Our own failure (database, rendering): retried with backoff like a transient platform error.
                    LogRowFailed(ex, row.Id);
                    var reason = ex.GetType().Name + ": " + ex.Message;
                    if (row.Attempts < Options.MaxAttempts)
                    {
                        await RetryLaterAsync(row, reason, token);
                    }
                    else
                    {
                        await FinishAsync(row, OutboxState.Dead, $"gave up after {row.Attempts} attempts: {reason}", token);
                    }
                }
            });
        return rows.Count;
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
                    if (last && await RecordLastPartAsync(row, composer.RegistryKind, part, messageId, ct))
                    {
                        RecordLatency(recipient, send, part);
                        return;
                    }

                    await RecordPartAsync(row, composer.RegistryKind, part, messageId, ct);
                    RecordLatency(recipient, send, part);
                }
            }

            // Parts the shorter text no longer needs: deleted at best effort. A delete the platform refuses (a message
            // too old to delete) leaves the part in the registry and never fails the update that carried it.
            foreach (var surplus in registry.Where(m => m.Part >= parts.Count))
            {
                if (await sender.DeleteAsync(chat, surplus.MessageId, ct))
                {
                    await using var db = dbFactory.Create();
                    await db.SentMessages.Where(m => m.Id == surplus.Id).ExecuteDeleteAsync(ct);
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

    private Task RetryLaterAsync(OutboxItem row, string error, CancellationToken ct)
    {
        var exponent = Math.Min(Math.Max(row.Attempts - 1, 0), 20);
        var delay = Math.Min(Options.RetryBaseSeconds * Math.Pow(2, exponent), Options.RetryMaxSeconds);
        var jitter = Random.Shared.NextDouble() * 0.2 * delay;
        return RescheduleAsync(row, time.GetUtcNow() + TimeSpan.FromSeconds(delay + jitter), error, countAttempt: true, ct);
    }

    private async Task RescheduleAsync(OutboxItem row, DateTimeOffset due, string? error, bool countAttempt, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var reason = Cap(error);
        var refund = countAttempt ? 0 : 1;
        await Mine(db, row).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.DueAt, due)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(o => o.Attempts, o => o.Attempts - refund)
            .SetProperty(o => o.LastError, reason), ct);
    }

    private async Task FinishAsync(OutboxItem row, OutboxState state, string reason, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var capped = Cap(reason);
        await Mine(db, row).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.State, state)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(o => o.LastError, capped), ct);
        if (state == OutboxState.Dead)
        {
            LogDeadLettered(row.Id, capped);
        }
    }

    private async Task RecordPartAsync(OutboxItem row, string registryKind, int part, string messageId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        db.SentMessages.Add(new SentMessage { Kind = registryKind, SubjectId = row.SubjectId, RecipientId = row.RecipientId, Part = part, MessageId = messageId, SentAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    private void RecordLatency(Recipient recipient, Composition.Send send, int part)
    {
        if (part == 0 && send.MeasuredFrom is { } from)
        {
            metrics.ConfirmToSend(recipient.Platform, time.GetUtcNow() - from);
        }
    }

    /// <summary>
    /// The common case, one commit per message: the last part's registry row and the outbox row marked sent together.
    /// False when the row is not ours to mark (an update asked for again meanwhile): the part is then recorded alone.
    /// </summary>
    private async Task<bool> RecordLastPartAsync(OutboxItem row, string registryKind, int part, string messageId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var done = await MarkSentIfCurrentAsync(db, row, now, ct);
        if (done == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        db.SentMessages.Add(new SentMessage { Kind = registryKind, SubjectId = row.SubjectId, RecipientId = row.RecipientId, Part = part, MessageId = messageId, SentAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task RecordEditAsync(long registryId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var now = time.GetUtcNow();
        await db.SentMessages.Where(m => m.Id == registryId).ExecuteUpdateAsync(u => u.SetProperty(m => m.EditedAt, now), ct);
    }

    /// <summary>Marks the row sent; an update row asked for again meanwhile (a newer generation) stays pending to be redone.</summary>
    private async Task MarkSentAsync(OutboxItem row, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var now = time.GetUtcNow();
        var done = await MarkSentIfCurrentAsync(db, row, now, ct);
        if (done == 0)
        {
            await RescheduleAsync(row, now, null, countAttempt: false, ct);
        }
    }

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
