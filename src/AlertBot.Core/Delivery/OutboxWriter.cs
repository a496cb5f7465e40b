using System.Text.Json;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AlertBot.Core.Delivery;

/// <summary>
/// Set-based outbox writes in SQL, where EF would insert row by row: alert rows for many recipients at once, skipping
/// any (recipient, kind, subject) that exists already, and update rows that are re-armed when asked for again.
/// </summary>
public static class OutboxWriter
{
    /// <summary>
    /// Adds an alert row for each of <paramref name="recipientIds"/> that is active and not paused and has none for
    /// this event yet; returns how many were added.
    /// </summary>
    public static Task<int> AddAlertsAsync(AlertBotDb db, long eventId, IReadOnlyCollection<long> recipientIds, DateTimeOffset now, CancellationToken ct)
    {
        var (ids, idsFilter) = db.Database.IsNpgsql()
            ? ((object)recipientIds.ToArray(), "r.\"Id\" = ANY(@ids)")
            : (JsonSerializer.Serialize(recipientIds), "r.\"Id\" IN (SELECT value FROM json_each(@ids))");
        var sql = $"""
            INSERT INTO "Outbox" ("RecipientId", "SubjectId", "Kind", "State", "DueAt", "CreatedAt", "Attempts", "Generation")
            SELECT r."Id", @event, '{OutboxKinds.Alert}', '{nameof(OutboxState.Pending)}', @now, @now, 0, 0
            FROM "Recipients" r
            WHERE {idsFilter} AND NOT r."Paused" AND r."DeactivatedAt" IS NULL
            ON CONFLICT ("RecipientId", "Kind", "SubjectId") DO NOTHING
            """;
        return Execute(db, sql, ct, ("ids", ids), ("event", eventId), ("now", Time(db, now)));
    }

    /// <summary>
    /// Asks for the messages already sent about the event (or being sent now) to be edited: one update row per such
    /// recipient, created or re-armed (its generation bumped so an edit in flight is redone with the newest state).
    /// </summary>
    public static Task<int> RequestUpdatesAsync(AlertBotDb db, long eventId, DateTimeOffset now, CancellationToken ct)
    {
        var sql = $"""
            INSERT INTO "Outbox" ("RecipientId", "SubjectId", "Kind", "State", "DueAt", "CreatedAt", "Attempts", "Generation")
            SELECT o."RecipientId", o."SubjectId", '{OutboxKinds.Update}', '{nameof(OutboxState.Pending)}', @now, @now, 0, 0
            FROM "Outbox" o
            WHERE o."SubjectId" = @event AND o."Kind" = '{OutboxKinds.Alert}'
              AND (o."State" = '{nameof(OutboxState.Sent)}' OR (o."State" = '{nameof(OutboxState.Pending)}' AND o."LeaseOwner" IS NOT NULL))
            ON CONFLICT ("RecipientId", "Kind", "SubjectId") DO UPDATE SET
              "State" = '{nameof(OutboxState.Pending)}', "DueAt" = excluded."DueAt", "Attempts" = 0,
              "Generation" = "Outbox"."Generation" + 1, "LastError" = NULL
            """;
        return Execute(db, sql, ct, ("event", eventId), ("now", Time(db, now)));
    }

    /// <summary>
    /// A notice (retraction or correction) for every recipient who got the event's alert or is being sent it now, about
    /// the moderation action of routing task <paramref name="taskId"/>: one per recipient and action.
    /// </summary>
    public static Task<int> AddNoticesAsync(AlertBotDb db, long eventId, long taskId, DateTimeOffset now, CancellationToken ct)
    {
        var sql = $"""
            INSERT INTO "Outbox" ("RecipientId", "SubjectId", "Kind", "State", "DueAt", "CreatedAt", "Attempts", "Generation")
            SELECT o."RecipientId", @task, '{OutboxKinds.Notice}', '{nameof(OutboxState.Pending)}', @now, @now, 0, 0
            FROM "Outbox" o
            WHERE o."SubjectId" = @event AND o."Kind" = '{OutboxKinds.Alert}'
              AND (o."State" = '{nameof(OutboxState.Sent)}' OR (o."State" = '{nameof(OutboxState.Pending)}' AND o."LeaseOwner" IS NOT NULL))
            ON CONFLICT ("RecipientId", "Kind", "SubjectId") DO NOTHING
            """;
        return Execute(db, sql, ct, ("event", eventId), ("task", taskId), ("now", Time(db, now)));
    }

    /// <summary>Alerts not yet sent for an event that is no longer to be broadcast are cancelled with the reason.</summary>
    public static Task<int> CancelPendingAlertsAsync(AlertBotDb db, long eventId, string reason, CancellationToken ct) =>
        db.Outbox.Where(o => o.SubjectId == eventId && o.Kind == OutboxKinds.Alert && o.State == OutboxState.Pending && o.LeaseOwner == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OutboxState.Cancelled).SetProperty(o => o.LastError, reason), ct);

    /// <summary>A time as the provider stores it (SQLite keeps sortable binary ticks).</summary>
    internal static object Time(AlertBotDb db, DateTimeOffset value) =>
        StoredTime.Of(db, value);

    private static async Task<int> Execute(AlertBotDb db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }

            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
