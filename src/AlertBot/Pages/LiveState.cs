using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Pages;

/// <summary>What a live page polls: a signature that changes whenever what it shows changes, and the pending count.</summary>
public sealed record LiveState(string Sig, int Pending);

/// <summary>Cheap signatures of the moderation state, for pages that update by themselves.</summary>
public static class LiveSignatures
{
    /// <summary>The queue changes when an event is added, changes (its version), or gets another report.</summary>
    public static async Task<LiveState> QueueAsync(AlertBotDb db, CancellationToken ct)
    {
        var pending = await db.Events.CountAsync(e => e.Status == EventStatus.Pending, ct);
        var lastEvent = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var versions = await db.Events.SumAsync(e => (long)e.Version, ct);
        var lastReport = await db.Reports.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        return new(string.Create(CultureInfo.InvariantCulture, $"{pending}:{lastEvent}:{versions}:{lastReport}"), pending);
    }

    /// <summary>An event page changes with the event's version, its reports and its audit trail.</summary>
    public static async Task<LiveState> EventAsync(AlertBotDb db, long id, CancellationToken ct)
    {
        var version = await db.Events.Where(e => e.Id == id).Select(e => (int?)e.Version).SingleOrDefaultAsync(ct) ?? -1;
        var reports = await db.Reports.CountAsync(r => r.EventId == id, ct);
        var audit = await db.AuditEntries.Where(a => a.EventId == id).MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var pending = await db.Events.CountAsync(e => e.Status == EventStatus.Pending, ct);
        return new(string.Create(CultureInfo.InvariantCulture, $"{version}:{reports}:{audit}"), pending);
    }
}
