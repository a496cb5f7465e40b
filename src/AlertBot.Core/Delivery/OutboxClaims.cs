using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Delivery;

/// <summary>
/// Taking outbox rows to send. On PostgreSQL the due rows are locked with <c>FOR UPDATE SKIP LOCKED</c> and leased in
/// one transaction, so two processes claiming at the same moment never get the same row; SQLite serialises writers.
/// A claim inside a transaction the caller opened (the dispatcher's group commit) commits with it.
/// </summary>
public static class OutboxClaims
{
    /// <summary>Leases up to <paramref name="count"/> due rows to <paramref name="owner"/> (counting an attempt on each) and returns them.</summary>
    public static async Task<List<OutboxItem>> ClaimAsync(AlertBotDb db, string owner, int count, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + lease;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM "Outbox"
                WHERE "State" = 'Pending' AND "DueAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                ORDER BY "DueAt", "Id" LIMIT {count}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Outbox
                .Where(o => o.State == OutboxState.Pending && o.DueAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
                .OrderBy(o => o.DueAt).ThenBy(o => o.Id).Select(o => o.Id).Take(count).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }

        await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(
            u => u.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntil, until).SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
        var rows = await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.DueAt).ThenBy(o => o.Id).ToListAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return rows;
    }
}
