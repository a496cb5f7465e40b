using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Routing;

/// <summary>What a subscription asks for; null parts mean "any", and at least one part is set.</summary>
public sealed record SubscriptionTarget(string? PlaceId, string? ActorId, string? EventType)
{
    public bool IsEmpty => PlaceId is null && ActorId is null && EventType is null;
}

/// <summary>
/// Every change to who hears what: subscriptions, pause, deactivation, forgetting. Each writes its
/// <see cref="SubscriptionChange"/> rows in the same transaction, then brings this process's index up to date
/// (other processes catch up when they next route).
/// </summary>
public sealed class SubscriptionService(AlertBotDb db, RoutingIndex index, TimeProvider time)
{
    /// <summary>Most subscriptions one chat may hold.</summary>
    public const int MaxPerRecipient = 100;

    public Task<List<Subscription>> ListAsync(long recipientId, CancellationToken ct) =>
        db.Subscriptions.AsNoTracking().Where(s => s.RecipientId == recipientId).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>Adds the subscription; when the chat has it already, returns that one with <c>Added</c> false (and its mode updated).</summary>
    public async Task<(Subscription Subscription, bool Added)> AddAsync(long recipientId, SubscriptionTarget target, DeliveryMode mode, CancellationToken ct)
    {
        if (target.IsEmpty)
        {
            throw new ArgumentException("a subscription needs a place, an actor or an event type", nameof(target));
        }

        var existing = await FindAsync(recipientId, target, ct);
        if (existing is not null)
        {
            if (existing.Mode != mode)
            {
                existing.Mode = mode;
                await SaveWithChangesAsync([existing], ct);
            }

            return (existing, false);
        }

        if (await db.Subscriptions.CountAsync(s => s.RecipientId == recipientId, ct) >= MaxPerRecipient)
        {
            throw new SubscriptionLimitException();
        }

        var subscription = new Subscription
        {
            RecipientId = recipientId,
            PlaceId = target.PlaceId,
            ActorId = target.ActorId,
            EventType = target.EventType,
            Mode = mode,
            CreatedAt = time.GetUtcNow(),
        };
        db.Subscriptions.Add(subscription);
        try
        {
            await SaveWithChangesAsync([subscription], ct);
            return (subscription, true);
        }
        catch (DbUpdateException)
        {
            // The same subscription was added at the same moment (a double tap): keep the one that won.
            db.ChangeTracker.Clear();
            return (await FindAsync(recipientId, target, ct) ?? throw new InvalidOperationException("subscription vanished"), false);
        }
    }

    /// <summary>Puts every subscription of the chat in <paramref name="mode"/> (digest mode on or off), saving pending changes with it.</summary>
    public async Task SetModeAsync(long recipientId, DeliveryMode mode, CancellationToken ct)
    {
        var changed = await db.Subscriptions.Where(s => s.RecipientId == recipientId && s.Mode != mode).ToListAsync(ct);
        foreach (var subscription in changed)
        {
            subscription.Mode = mode;
        }

        await SaveWithChangesAsync(changed, ct);
    }

    public Task<Subscription?> FindAsync(long recipientId, SubscriptionTarget target, CancellationToken ct) =>
        db.Subscriptions.SingleOrDefaultAsync(
            s => s.RecipientId == recipientId && s.PlaceId == target.PlaceId && s.ActorId == target.ActorId && s.EventType == target.EventType, ct);

    /// <summary>Removes one of the chat's subscriptions; false when it has no such subscription.</summary>
    public async Task<bool> RemoveAsync(long recipientId, long subscriptionId, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId && s.RecipientId == recipientId, ct);
        if (subscription is null)
        {
            return false;
        }

        db.Subscriptions.Remove(subscription);
        await SaveWithChangesAsync([subscription], ct);
        return true;
    }

    public async Task SetPausedAsync(Recipient recipient, bool paused, CancellationToken ct)
    {
        recipient.Paused = paused;
        if (paused)
        {
            // Alerts already routed but not sent are dropped, not held: a paused chat asked for silence.
            await CancelPendingAsync(recipient.Id, "the chat paused its alerts", ct);
        }

        await SaveWithChangesAsync(await db.Subscriptions.Where(s => s.RecipientId == recipient.Id).ToListAsync(ct), ct);
    }

    /// <summary>The platform said the chat is gone: stop routing to it and drop what is queued for it.</summary>
    public async Task DeactivateAsync(long recipientId, string reason, CancellationToken ct)
    {
        var recipient = await db.Recipients.SingleOrDefaultAsync(r => r.Id == recipientId, ct);
        if (recipient is null || !recipient.Active)
        {
            return;
        }

        recipient.DeactivatedAt = time.GetUtcNow();
        recipient.DeactivatedReason = reason.Length > 500 ? reason[..500] : reason;
        await CancelPendingAsync(recipientId, "the recipient was deactivated: " + recipient.DeactivatedReason, ct);
        await SaveWithChangesAsync(await db.Subscriptions.Where(s => s.RecipientId == recipientId).ToListAsync(ct), ct);
    }

    /// <summary>A deactivated chat wrote to the bot again (unblocked it, re-added it): it is reachable again.</summary>
    public async Task ReactivateAsync(Recipient recipient, CancellationToken ct)
    {
        if (recipient.Active)
        {
            return;
        }

        recipient.DeactivatedAt = null;
        recipient.DeactivatedReason = null;
        await SaveWithChangesAsync(await db.Subscriptions.Where(s => s.RecipientId == recipient.Id).ToListAsync(ct), ct);
    }

    /// <summary>/stop: deletes the recipient with its subscriptions, queued alerts and message registry.</summary>
    public async Task ForgetAsync(Recipient recipient, CancellationToken ct)
    {
        var subscriptions = await db.Subscriptions.Where(s => s.RecipientId == recipient.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SubscriptionChanges.AddRange(subscriptions.Select(s => Change(s)));
        await db.SaveChangesAsync(ct);
        await db.Outbox.Where(o => o.RecipientId == recipient.Id).ExecuteDeleteAsync(ct);
        await db.SentMessages.Where(m => m.RecipientId == recipient.Id).ExecuteDeleteAsync(ct);
        await db.Subscriptions.Where(s => s.RecipientId == recipient.Id).ExecuteDeleteAsync(ct);
        await db.Recipients.Where(r => r.Id == recipient.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await index.CatchUpAsync(ct);
    }

    private Task<int> CancelPendingAsync(long recipientId, string reason, CancellationToken ct) =>
        db.Outbox.Where(o => o.RecipientId == recipientId && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OutboxState.Cancelled).SetProperty(o => o.LastError, reason), ct);

    private SubscriptionChange Change(Subscription s) => new() { SubscriptionId = s.Id, RecipientId = s.RecipientId, At = time.GetUtcNow() };

    private async Task SaveWithChangesAsync(IReadOnlyCollection<Subscription> subscriptions, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct); // new subscriptions get their ids here
        db.SubscriptionChanges.AddRange(subscriptions.Select(Change));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await index.CatchUpAsync(ct);
    }
}

/// <summary>The chat holds <see cref="SubscriptionService.MaxPerRecipient"/> subscriptions already.</summary>
public sealed class SubscriptionLimitException : Exception
{
    public SubscriptionLimitException()
        : base($"a chat may hold at most {SubscriptionService.MaxPerRecipient} subscriptions")
    {
    }

    public SubscriptionLimitException(string message)
        : base(message)
    {
    }

    public SubscriptionLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
