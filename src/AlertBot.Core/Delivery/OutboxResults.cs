using System.Threading.Channels;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Delivery;

/// <summary>
/// The dispatcher's one writer of send results (group commit). Each finished send hands its writes (the registry row,
/// the outbox row marked sent, a retry, a dead letter) to <see cref="WriteAsync"/> and waits until they are committed;
/// the writer commits everything handed to it meanwhile in one transaction. With many sends in flight, one commit
/// records dozens of them, and the sends never contend with each other for the database (SQLite has one writer at a
/// time: 64 senders each committing alone spent their time waiting for its lock, not sending).
/// <para>
/// Every sender waits for its own commit before it takes its next row, so a message is never more than "in flight"
/// without its record: the sends done but not yet recorded at a crash are at most the sends in flight
/// (<see cref="DeliveryOptions.Concurrency"/>), the same bound as with one commit per send.
/// </para>
/// <para>
/// The common result, a message sent and its outbox row done, is written for the whole group at once: one statement
/// marks every such row that is still this process's and of the generation that was sent (an update asked for again
/// meanwhile stays pending), one batch inserts their registry rows. The dispatcher's claims go through the same writer,
/// so on SQLite the dispatcher never waits for its own lock.
/// </para>
/// <para>
/// When a group's transaction fails (one write refused, say a registry row that another process recorded first), the
/// group is rolled back and each write is committed again alone, so one failure reaches only its own sender.
/// </para>
/// </summary>
internal sealed partial class OutboxResults(AlertBotDbFactory dbFactory, string owner, TimeProvider time, ILogger logger)
{
    /// <summary>The most writes one transaction commits; more wait for the next.</summary>
    public const int MaxGroup = 256;

    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Runs <paramref name="write"/> in the next group's transaction (it may run twice: alone after its group failed),
    /// returns its result once committed. Changes it adds to the context are saved with the group.
    /// </summary>
    public async Task<int> WriteAsync(Func<AlertBotDb, CancellationToken, Task<int>> write, CancellationToken ct)
    {
        return await EnqueueAsync(new Entry(write, null, null), ct);
    }

    /// <summary>
    /// Records a message's last part (a copy of <paramref name="message"/>, its time set at commit) and marks
    /// <paramref name="row"/> sent if this process still holds it at the generation sent; true when the row was marked.
    /// The part is recorded either way.
    /// </summary>
    public async Task<bool> RecordSentAsync(OutboxItem row, SentMessage message, CancellationToken ct) =>
        await EnqueueAsync(new Entry(null, row, message), ct) == 1;

    private async Task<int> EnqueueAsync(Entry entry, CancellationToken ct)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            throw new InvalidOperationException("The dispatcher's result writer has stopped.");
        }

        return await entry.Done.Task.WaitAsync(ct);
    }

    /// <summary>Commits what is handed over, a group at a time, until <paramref name="ct"/> stops it; what is left then fails as cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var group = new List<Entry>(MaxGroup);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var entry))
                {
                    group.Add(entry);
                }

                await CommitAsync(group, ct);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            foreach (var entry in group)
            {
                entry.Done.TrySetCanceled(ct);
            }

            while (_queue.Reader.TryRead(out var entry))
            {
                entry.Done.TrySetCanceled(ct);
            }
        }
    }

    private async Task CommitAsync(List<Entry> group, CancellationToken ct)
    {
        int[] results;
        try
        {
            results = await CommitTogetherAsync(group, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (group.Count == 1)
            {
                group[0].Done.TrySetException(ex);
                return;
            }

            LogGroupFailed(ex, group.Count);
            foreach (var entry in group)
            {
                try
                {
                    entry.Done.TrySetResult((await CommitTogetherAsync([entry], ct))[0]);
                }
                catch (Exception alone) when (alone is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    entry.Done.TrySetException(alone);
                }
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(results[i]);
        }
    }

    private async Task<int[]> CommitTogetherAsync(IReadOnlyList<Entry> group, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var results = new int[group.Count];
        var sent = new List<int>();
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].Write is { } write)
            {
                results[i] = await write(db, ct);
            }
            else
            {
                sent.Add(i);
            }
        }

        if (sent.Count > 0)
        {
            var now = time.GetUtcNow();
            var marked = await MarkSentAsync(db, [.. sent.Select(i => group[i].Row!)], now, ct);
            foreach (var i in sent)
            {
                results[i] = marked.Contains(group[i].Row!.Id) ? 1 : 0;
                var m = group[i].Message!;
                db.SentMessages.Add(new SentMessage { Kind = m.Kind, SubjectId = m.SubjectId, RecipientId = m.RecipientId, Part = m.Part, MessageId = m.MessageId, SentAt = now });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return results;
    }

    /// <summary>
    /// Marks sent those of <paramref name="rows"/> that this process still holds at the generation it sent (locked first
    /// on PostgreSQL; SQLite's write transaction already excludes every other writer); returns their ids.
    /// </summary>
    private async Task<HashSet<long>> MarkSentAsync(AlertBotDb db, IReadOnlyList<OutboxItem> rows, DateTimeOffset now, CancellationToken ct)
    {
        var current = new List<long>(rows.Count);
        foreach (var generation in rows.GroupBy(r => r.Generation))
        {
            var ids = generation.Select(r => r.Id).ToArray();
            var g = generation.Key;
            current.AddRange(db.Database.IsNpgsql()
                ? await db.Database.SqlQuery<long>($"""
                    SELECT "Id" AS "Value" FROM "Outbox" WHERE "Id" = ANY({ids}) AND "LeaseOwner" = {owner} AND "Generation" = {g}
                    FOR UPDATE
                    """).ToListAsync(ct)
                : await db.Outbox.Where(o => ids.Contains(o.Id) && o.LeaseOwner == owner && o.Generation == g).Select(o => o.Id).ToListAsync(ct));
        }

        if (current.Count > 0)
        {
            await db.Outbox.Where(o => current.Contains(o.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.State, OutboxState.Sent)
                .SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(o => o.LastError, (string?)null), ct);
        }

        return [.. current];
    }

    /// <summary>A write handed over: a function of the group's context, or a sent message's record (<see cref="RecordSentAsync"/>).</summary>
    private sealed record Entry(Func<AlertBotDb, CancellationToken, Task<int>>? Write, OutboxItem? Row, SentMessage? Message)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} send results failed to commit together; each is committed alone")]
    private partial void LogGroupFailed(Exception ex, int count);
}
