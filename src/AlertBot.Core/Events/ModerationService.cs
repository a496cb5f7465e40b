using System.Globalization;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

/// <summary>The names of moderation actions in the audit log.</summary>
public static class ModerationActions
{
    public const string Claim = "claim";
    public const string Release = "release";
    public const string Confirm = "confirm";
    public const string Reject = "reject";
    public const string Retract = "retract";
    public const string Edit = "edit";
    public const string Merge = "merge";
    public const string Split = "split";
    public const string AutoConfirm = "auto-confirm";

    /// <summary>The feed watcher disabled a failing source (no event; the entry's detail names the source and why).</summary>
    public const string SourceDisabled = "source-disabled";

    /// <summary>Clustering placed a report in the event (the entry's <see cref="AuditEntry.Rule"/> says by which rule).</summary>
    public const string Place = "place";
}

public enum ModerationFailureKind
{
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>Why an action was refused, in words a moderator can act on.</summary>
public sealed record ModerationFailure(ModerationFailureKind Kind, string Message);

/// <summary>The event after the action, or why it was refused. <see cref="AwaitingSecondModerator"/>: a first confirmation under the two-moderator rule.</summary>
public sealed record ModerationResult(Event? Event, ModerationFailure? Failure, bool AwaitingSecondModerator = false)
{
    public bool Succeeded => Failure is null;

    public static ModerationResult Fail(ModerationFailureKind kind, string message) => new(null, new ModerationFailure(kind, message));
}

/// <summary>A moderator's edit; null fields stay as they are.</summary>
public sealed record EventEdit(
    IReadOnlyList<string>? EventTypes = null,
    IReadOnlyList<string>? PlaceIds = null,
    IReadOnlyList<string>? ActorIds = null,
    IReadOnlyDictionary<string, int>? Counts = null,
    string? NoteAr = null,
    string? NoteEn = null,
    IReadOnlyDictionary<string, string>? ActorRoles = null);

/// <summary>
/// The event lifecycle: pending → confirmed / rejected / merged, confirmed → retracted. Every action checks the claim
/// lock, writes the audit entry in the same transaction, and saves against the event's version, so two moderators (or
/// two instances) can never both claim or both decide one event. Callers decide who is a moderator.
/// </summary>
public sealed class ModerationService(
    AlertBotDb db,
    Gazetteer gazetteer,
    IOptions<ModerationOptions> options,
    PipelineMetrics metrics,
    PipelineSignals signals,
    TimeProvider time)
{
    public const string AutoConfirmIdentity = "system:auto-confirm";
    public const string ClusteringIdentity = "system:clustering";
    public const int MaxNoteLength = 500;
    public const int MaxReasonLength = 1000;

    private TimeSpan ClaimDuration => TimeSpan.FromMinutes(options.Value.ClaimMinutes);

    /// <summary>True when the event's types fall under the two-moderator rule.</summary>
    public bool NeedsTwoModerators(Event e) => e.EventTypes.Intersect(options.Value.TwoModeratorTypeIds, StringComparer.Ordinal).Any();

    public Task<ModerationResult> ClaimAsync(long id, string who, CancellationToken ct) =>
        ChangeAsync(id, who, ModerationActions.Claim, keepClaim: true, e =>
            e.Status is EventStatus.Pending or EventStatus.Confirmed ? null : Refuse(e), null, ct);

    public Task<ModerationResult> ReleaseAsync(long id, string who, CancellationToken ct) =>
        ChangeAsync(id, who, ModerationActions.Release, keepClaim: false, e =>
            e.ClaimedBy == who ? null : new ModerationFailure(ModerationFailureKind.Conflict, "You do not hold the claim on this event."), null, ct);

    public Task<ModerationResult> ConfirmAsync(long id, string who, CancellationToken ct) =>
        ConfirmAsync(id, who, ModerationActions.Confirm, null, ct);

    /// <summary>
    /// The auto-confirm policy (off unless configured): a pending event reported by enough different outlets of a trusted
    /// tier, of no two-moderator type and claimed by no moderator, is confirmed as <see cref="AutoConfirmIdentity"/>
    /// through the same transition, audit and routing as a moderator's confirmation. Null when the policy does not apply.
    /// </summary>
    public async Task<ModerationResult?> AutoConfirmAsync(long id, CancellationToken ct)
    {
        var policy = options.Value.AutoConfirm;
        var e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (!policy.Enabled || e is null || e.Status != EventStatus.Pending || NeedsTwoModerators(e)
            || (e.ClaimedBy is not null && e.ClaimedUntil > time.GetUtcNow()))
        {
            return null;
        }

        var reports = await db.Reports.AsNoTracking().Where(r => r.EventId == id).ToListAsync(ct);
        var outlets = EventFields.TrustedOutlets(reports, policy.MaxTier);
        if (outlets < policy.MinOutlets)
        {
            return null;
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{outlets} outlets of tier {policy.MaxTier} or better (policy: {policy.MinOutlets})");
        return await ConfirmAsync(id, AutoConfirmIdentity, ModerationActions.AutoConfirm, detail, ct);
    }

    /// <summary>The one confirm transition, for moderators and the auto-confirm policy alike.</summary>
    private async Task<ModerationResult> ConfirmAsync(long id, string who, string action, string? detail, CancellationToken ct)
    {
        var awaiting = false;
        var result = await ChangeAsync(id, who, action, keepClaim: false, e =>
        {
            if (e.Status != EventStatus.Pending)
            {
                return Refuse(e);
            }

            if (e.Confirmations.Contains(who))
            {
                return new ModerationFailure(ModerationFailureKind.Conflict, "You have confirmed this event already; the two-moderator rule needs a different moderator.");
            }

            e.Confirmations.Add(who);
            if (NeedsTwoModerators(e) && e.Confirmations.Count < 2)
            {
                awaiting = true;
                return null;
            }

            e.Status = EventStatus.Confirmed;
            e.DecidedBy = who;
            e.DecidedAt = time.GetUtcNow();
            return null;
        }, () => awaiting ? "first of two confirmations" : detail, ct);
        if (result.Succeeded && !awaiting)
        {
            metrics.Confirmed(time.GetUtcNow() - result.Event!.CreatedAt);
        }

        return result with { AwaitingSecondModerator = awaiting };
    }

    public async Task<IReadOnlyList<(long Id, ModerationResult Result)>> ConfirmManyAsync(IEnumerable<long> ids, string who, CancellationToken ct)
    {
        var results = new List<(long, ModerationResult)>();
        foreach (var id in ids.Distinct())
        {
            db.ChangeTracker.Clear();
            results.Add((id, await ConfirmAsync(id, who, ct)));
        }

        return results;
    }

    public Task<ModerationResult> RejectAsync(long id, string who, string? reason, CancellationToken ct) =>
        Decide(id, who, ModerationActions.Reject, reason, EventStatus.Pending, EventStatus.Rejected, ct);

    public Task<ModerationResult> RetractAsync(long id, string who, string? reason, CancellationToken ct) =>
        Decide(id, who, ModerationActions.Retract, reason, EventStatus.Confirmed, EventStatus.Retracted, ct);

    public Task<ModerationResult> EditAsync(long id, string who, EventEdit edit, CancellationToken ct)
    {
        if (Validate(edit) is { } invalid)
        {
            return Task.FromResult(ModerationResult.Fail(ModerationFailureKind.Invalid, invalid));
        }

        return ChangeAsync(id, who, ModerationActions.Edit, keepClaim: true, e =>
        {
            if (e.Status is not (EventStatus.Pending or EventStatus.Confirmed))
            {
                return Refuse(e);
            }

            e.EventTypes = edit.EventTypes?.Distinct().ToList() ?? e.EventTypes;
            e.PlaceIds = edit.PlaceIds?.Distinct().ToList() ?? e.PlaceIds;
            e.ActorIds = edit.ActorIds?.Distinct().ToList() ?? e.ActorIds;
            e.ActorRoles = RolesAfterEdit(e.ActorRoles, e.ActorIds, edit.ActorRoles);
            e.Counts = edit.Counts is null ? e.Counts : new Dictionary<string, int>(edit.Counts);
            e.NoteAr = edit.NoteAr is null ? e.NoteAr : NullIfEmpty(edit.NoteAr);
            e.NoteEn = edit.NoteEn is null ? e.NoteEn : NullIfEmpty(edit.NoteEn);
            if (e.Status == EventStatus.Pending)
            {
                // A confirmation was given to the old content: under the two-moderator rule it must be given again.
                e.Confirmations.Clear();
            }

            return null;
        }, null, ct);
    }

    /// <summary>Merges event <paramref name="id"/> into <paramref name="intoId"/>: its reports move, the target gains its details.</summary>
    public async Task<ModerationResult> MergeAsync(long id, long intoId, string who, CancellationToken ct)
    {
        if (id == intoId)
        {
            return ModerationResult.Fail(ModerationFailureKind.Invalid, "An event cannot be merged into itself.");
        }

        var now = time.GetUtcNow();
        var events = await db.Events.Where(e => e.Id == id || e.Id == intoId).ToListAsync(ct);
        var source = events.FirstOrDefault(e => e.Id == id);
        var target = events.FirstOrDefault(e => e.Id == intoId);
        if (source is null || target is null)
        {
            return ModerationResult.Fail(ModerationFailureKind.NotFound, $"Event {(source is null ? id : intoId)} does not exist.");
        }

        foreach (var e in events)
        {
            if (ClaimedByOther(e, who, now) is { } claimed)
            {
                return new ModerationResult(null, claimed);
            }

            // A pending event may also go into a rejected or retracted one (the same incident, decided already): the
            // target keeps its decision and gains the sources, as the repeat of a decided event does.
            var allowed = e.Status is EventStatus.Pending or EventStatus.Confirmed
                || (e == target && source.Status == EventStatus.Pending && e.Status is EventStatus.Rejected or EventStatus.Retracted);
            if (!allowed)
            {
                return new ModerationResult(null, Refuse(e));
            }
        }

        var beforeSource = EventSnapshot.Of(source).ToJson();
        var sourceStatusBefore = source.Status;
        var beforeTarget = EventSnapshot.Of(target).ToJson();
        var reports = await db.Reports.Where(r => r.EventId == id || r.EventId == intoId).ToListAsync(ct);
        foreach (var r in reports.Where(r => r.EventId == id))
        {
            r.EventId = intoId;
            if (target.Status == EventStatus.Pending)
            {
                EventFields.AddDetails(target, r, new EventClustering(gazetteer));
            }
        }

        foreach (var type in source.EventTypes.Where(t => !target.EventTypes.Contains(t) && target.Status == EventStatus.Pending))
        {
            target.EventTypes.Add(type);
        }

        // A role the merged event knew (read or set by a moderator) fills a role the pending target lacks.
        foreach (var (actor, role) in source.ActorRoles.Where(r => target.Status == EventStatus.Pending && target.ActorIds.Contains(r.Key) && !target.ActorRoles.ContainsKey(r.Key)))
        {
            target.ActorRoles[actor] = role;
        }

        EventFields.Recount(target, reports);
        EventFields.Recount(source, []);
        source.Status = EventStatus.Merged;
        source.MergedIntoId = intoId;
        source.DecidedBy = who;
        source.DecidedAt = now;
        foreach (var e in events)
        {
            e.ClaimedBy = null;
            e.ClaimedUntil = null;
            e.UpdatedAt = now;
            e.Version++;
        }

        Route(sourceStatusBefore, source, fieldsChanged: false, now);
        Audit(now, who, ModerationActions.Merge, id, $"merged into event {intoId}", beforeSource, source);
        Audit(now, who, ModerationActions.Merge, intoId, $"took in event {id}", beforeTarget, target);
        return await SaveAsync(target, ct);
    }

    /// <summary>Moves some reports of a pending event into a new pending event; both re-read their fields from their reports.</summary>
    public async Task<ModerationResult> SplitAsync(long id, IReadOnlyCollection<long> reportIds, string who, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var source = await db.Events.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (source is null)
        {
            return ModerationResult.Fail(ModerationFailureKind.NotFound, $"Event {id} does not exist.");
        }

        if (ClaimedByOther(source, who, now) is { } claimed)
        {
            return new ModerationResult(null, claimed);
        }

        if (source.Status != EventStatus.Pending)
        {
            return new ModerationResult(null, Refuse(source));
        }

        var reports = await db.Reports.Where(r => r.EventId == id).ToListAsync(ct);
        var moving = reports.Where(r => reportIds.Contains(r.Id)).ToList();
        if (moving.Count == 0 || moving.Count == reports.Count || moving.Count != reportIds.Distinct().Count())
        {
            return ModerationResult.Fail(ModerationFailureKind.Invalid, "Choose some, but not all, of this event's own reports to split off.");
        }

        var before = EventSnapshot.Of(source).ToJson();
        var split = new Event { Status = EventStatus.Pending, EventDate = source.EventDate, CreatedAt = now, UpdatedAt = now };
        EventFields.FromReports(split, moving);
        EventFields.FromReports(source, reports.Except(moving).ToList());
        source.Confirmations.Clear();
        source.ClaimedBy = null;
        source.ClaimedUntil = null;
        source.UpdatedAt = now;
        source.Version++;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Events.Add(split);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ModerationResult.Fail(ModerationFailureKind.Conflict, "The event was changed by someone else at the same moment; reload it and try again.");
        }

        foreach (var r in moving)
        {
            r.EventId = split.Id;
        }

        var ids = string.Join(", ", moving.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
        Audit(now, who, ModerationActions.Split, id, $"report(s) {ids} split off into event {split.Id}", before, source);
        Audit(now, who, ModerationActions.Split, split.Id, $"made from report(s) {ids} of event {id}", null, split);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ModerationResult(split, null);
    }

    private async Task<ModerationResult> Decide(long id, string who, string action, string? reason, EventStatus from, EventStatus to, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return ModerationResult.Fail(ModerationFailureKind.Invalid, $"Give a reason (1 to {MaxReasonLength} characters).");
        }

        return await ChangeAsync(id, who, action, keepClaim: false, e =>
        {
            if (e.Status != from)
            {
                return Refuse(e);
            }

            e.Status = to;
            e.DecidedBy = who;
            e.DecidedAt = time.GetUtcNow();
            e.DecisionReason = reason;
            return null;
        }, () => reason, ct);
    }

    private async Task<ModerationResult> ChangeAsync(
        long id, string who, string action, bool keepClaim, Func<Event, ModerationFailure?> change, Func<string?>? detail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return ModerationResult.Fail(ModerationFailureKind.NotFound, $"Event {id} does not exist.");
        }

        if (ClaimedByOther(e, who, now) is { } claimed)
        {
            return new ModerationResult(null, claimed);
        }

        var before = EventSnapshot.Of(e).ToJson();
        var statusBefore = e.Status;
        var (typesBefore, placesBefore) = (e.EventTypes.ToList(), e.PlaceIds.ToList());
        if (change(e) is { } failure)
        {
            db.ChangeTracker.Clear();
            return new ModerationResult(null, failure);
        }

        e.ClaimedBy = keepClaim ? who : null;
        e.ClaimedUntil = keepClaim ? now + ClaimDuration : null;
        e.UpdatedAt = now;
        e.Version++;
        Audit(now, who, action, id, detail?.Invoke(), before, e);
        var typeOrPlaceChanged = !SameSet(typesBefore, e.EventTypes) || !SameSet(placesBefore, e.PlaceIds);
        Route(statusBefore, e, fieldsChanged: action == ModerationActions.Edit, now, typeOrPlaceChanged);
        return await SaveAsync(e, ct);
    }

    /// <summary>Adds the routing task the change needs to this unit of work, so it commits with the change or not at all.</summary>
    private void Route(EventStatus before, Event after, bool fieldsChanged, DateTimeOffset now, bool typeOrPlaceChanged = false)
    {
        if (RoutingTasks.For(before, after, fieldsChanged, now, typeOrPlaceChanged) is { } task)
        {
            db.RoutingTasks.Add(task);
        }
    }

    private static bool SameSet(List<string> a, List<string> b) =>
        a.Count == b.Count && a.All(b.Contains);

    private async Task<ModerationResult> SaveAsync(Event e, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            if (db.ChangeTracker.Entries<RoutingTask>().Any())
            {
                signals.Routing.Signal();
            }

            return new ModerationResult(e, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ModerationResult.Fail(ModerationFailureKind.Conflict, "The event was changed by someone else at the same moment; reload it and try again.");
        }
    }

    private void Audit(DateTimeOffset at, string who, string action, long eventId, string? detail, string? before, Event after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Actor = who,
            Action = action,
            EventId = eventId,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            Before = before,
            After = EventSnapshot.Of(after).ToJson(),
        });

    private static ModerationFailure? ClaimedByOther(Event e, string who, DateTimeOffset now) =>
        e.ClaimedBy is { } holder && holder != who && e.ClaimedUntil > now
            ? new ModerationFailure(ModerationFailureKind.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Event {e.Id} is claimed by {holder} until {e.ClaimedUntil:HH:mm:ss} UTC."))
            : null;

    private static ModerationFailure Refuse(Event e) => new(ModerationFailureKind.Conflict, e.Status switch
    {
        EventStatus.Confirmed => $"Event {e.Id} is confirmed already.",
        EventStatus.Rejected => $"Event {e.Id} was rejected and stays rejected.",
        EventStatus.Merged => $"Event {e.Id} was merged into event {e.MergedIntoId}.",
        EventStatus.Retracted => $"Event {e.Id} was retracted.",
        _ => $"Event {e.Id} is still pending.",
    });

    private string? Validate(EventEdit edit)
    {
        if (edit.EventTypes is { } types && (types.Count == 0 || types.FirstOrDefault(t => EventTypes.Find(t) is null) is { } _))
        {
            return types.Count == 0 ? "An event needs at least one type." : $"Unknown event type '{types.First(t => EventTypes.Find(t) is null)}'.";
        }

        if (edit.PlaceIds is { } places && (places.Count == 0 || places.Any(p => gazetteer.Find(p) is null)))
        {
            return places.Count == 0 ? "An event needs at least one place." : $"Unknown place '{places.First(p => gazetteer.Find(p) is null)}'.";
        }

        if (edit.ActorIds?.FirstOrDefault(a => ActorTaxonomy.Find(a) is null) is { } actor)
        {
            return $"Unknown actor '{actor}'.";
        }

        if (edit.ActorRoles?.FirstOrDefault(r => ActorTaxonomy.Find(r.Key) is null || (r.Value.Length > 0 && ActorRoleIds.Parse(r.Value) is null)) is { Key: not null } role)
        {
            return ActorTaxonomy.Find(role.Key) is null ? $"Unknown actor '{role.Key}'." : $"Unknown role '{role.Value}': a role is attacker, target or moving.";
        }

        if (edit.Counts is { } counts && counts.Any(c => string.IsNullOrWhiteSpace(c.Key) || c.Key.Length > 32 || c.Value < 0))
        {
            return "Counts are names (up to 32 characters) with whole numbers of 0 or more.";
        }

        return edit.NoteAr?.Length > MaxNoteLength || edit.NoteEn?.Length > MaxNoteLength
            ? $"Notes are at most {MaxNoteLength} characters."
            : null;
    }

    /// <summary>
    /// The roles after an edit: the roles it gives replace the old ones (an empty role clears one), the others stay, and
    /// only actors the event still names keep a role.
    /// </summary>
    private static Dictionary<string, string> RolesAfterEdit(
        Dictionary<string, string> before, List<string> actorIds, IReadOnlyDictionary<string, string>? edited)
    {
        var roles = new Dictionary<string, string>(before, StringComparer.Ordinal);
        foreach (var (actor, role) in edited ?? new Dictionary<string, string>())
        {
            if (role.Length == 0) roles.Remove(actor);
            else roles[actor] = role;
        }

        return roles.Where(r => actorIds.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
