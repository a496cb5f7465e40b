using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Digests;

/// <summary>
/// A chat's digest setting: made, changed, paused and deleted (each change scheduled at once), and previewed. Rights are
/// the caller's business (the conversation asks the platform at every change).
/// </summary>
public sealed class DigestSettings(AlertBotDb db, IDigestScheduler scheduler, DigestBuilder builder, DigestQueries queries, SubscriptionService subscriptions, TimeProvider time, IDigestMapRenderer? maps = null)
{
    public Task<DigestSetting?> FindAsync(long recipientId, CancellationToken ct) =>
        db.DigestSettings.SingleOrDefaultAsync(s => s.RecipientId == recipientId, ct);

    /// <summary>Sets the chat's digest schedule and filter (replacing any it had), in the chat's language and time zone.</summary>
    public async Task<DigestSetting> SetAsync(Recipient recipient, DigestScheduleSpec spec, DigestFilter filter, string setBy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var setting = await FindAsync(recipient.Id, ct);
        if (setting is null)
        {
            setting = new DigestSetting { RecipientId = recipient.Id, CreatedAt = now, Language = recipient.Language, TimeZone = recipient.TimeZone };
            db.DigestSettings.Add(setting);
        }

        setting.ScheduleKind = spec.Kind;
        setting.Crons = [.. spec.Crons];
        setting.PlaceIds = [.. filter.PlaceIds];
        setting.ActorIds = [.. filter.ActorIds];
        setting.EventTypes = [.. filter.EventTypes];
        setting.TimeZone = recipient.TimeZone;
        setting.Paused = false;
        setting.SetBy = setBy;
        setting.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        scheduler.Schedule(setting);
        return setting;
    }

    /// <summary>Changes one thing of an existing setting (language, empty periods, pause) and schedules it again.</summary>
    public async Task<DigestSetting?> ChangeAsync(long recipientId, Action<DigestSetting> change, string setBy, CancellationToken ct)
    {
        if (await FindAsync(recipientId, ct) is not { } setting)
        {
            return null;
        }

        change(setting);
        setting.SetBy = setBy;
        setting.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        scheduler.Schedule(setting);
        return setting;
    }

    /// <summary>
    /// Digest mode on or off: the chat's subscriptions stop (or resume) giving instant alerts, and the digest covers
    /// them (or its own filter alone), in one transaction. Null when the chat has no digest to carry them.
    /// </summary>
    public async Task<DigestSetting?> SetInsteadOfAlertsAsync(long recipientId, bool insteadOfAlerts, string setBy, CancellationToken ct)
    {
        if (await FindAsync(recipientId, ct) is not { } setting)
        {
            return null;
        }

        setting.InsteadOfAlerts = insteadOfAlerts;
        setting.SetBy = setBy;
        setting.UpdatedAt = time.GetUtcNow();
        await subscriptions.SetModeAsync(recipientId, insteadOfAlerts ? DeliveryMode.DigestOnly : DeliveryMode.Instant, ct);
        return setting;
    }

    /// <summary>The mode a new subscription of the chat takes: digest-only while the chat's digest replaces its alerts.</summary>
    public async Task<DeliveryMode> SubscriptionModeAsync(long recipientId, CancellationToken ct) =>
        await db.DigestSettings.AnyAsync(s => s.RecipientId == recipientId && s.InsteadOfAlerts, ct) ? DeliveryMode.DigestOnly : DeliveryMode.Instant;

    /// <summary>
    /// Deletes the chat's digest and its jobs; a chat in digest mode gets its instant alerts back (its subscriptions
    /// would otherwise give nothing at all). Returns whether it had one.
    /// </summary>
    public async Task<bool> DeleteAsync(long recipientId, CancellationToken ct)
    {
        if (await FindAsync(recipientId, ct) is not { } setting)
        {
            return false;
        }

        db.DigestSettings.Remove(setting);
        if (setting.InsteadOfAlerts)
        {
            await subscriptions.SetModeAsync(recipientId, DeliveryMode.Instant, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        scheduler.Unschedule(setting.Id);
        return true;
    }

    /// <summary>
    /// The digest as it would be for the last period (from the schedule's last run before now, or a day back when it has
    /// not run yet), written for the platform, with its map where the platform takes images; nothing is recorded or
    /// counted as sent.
    /// </summary>
    public async Task<DigestPreview> PreviewAsync(DigestSetting setting, IChatPlatform platform, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = DigestRequests.Zone(setting.TimeZone);
        var from = setting.CoveredUntil ?? DigestSchedule.LastRun(setting.Crons, zone, now) ?? now.AddDays(-1);
        if (from >= now)
        {
            from = now.AddDays(-1);
        }

        var request = DigestRequests.For(setting, new DigestPeriod(from, now)) with { WhenEmpty = EmptyDigest.NoIncidentsLine };
        var events = await queries.LoadAsync(request.Period, request.Filter, ct);
        if (setting.InsteadOfAlerts)
        {
            events = DigestRequests.CoveredBy(events, await subscriptions.ListAsync(setting.RecipientId, ct), builder.Matcher);
        }

        var digest = builder.Build(request, events);
        var map = platform.Capabilities.MaxCaptionLength > 0 && !digest.IsEmpty && maps?.RenderPng(digest) is { } png
            ? new ChatImage(png, "digest-preview.png", DigestRequests.MapAltText(setting.Language))
            : null;
        return new DigestPreview(DigestRequests.Write(digest, platform), map);
    }

    /// <summary>When the setting runs next; null when paused.</summary>
    public DateTimeOffset? NextRun(DigestSetting setting) =>
        setting.Paused ? null : DigestSchedule.NextRun(setting.Crons, DigestRequests.Zone(setting.TimeZone), time.GetUtcNow());
}

/// <summary>A digest preview: its parts in the platform's markup, and its map when the platform takes images.</summary>
public sealed record DigestPreview(IReadOnlyList<string> Parts, ChatImage? Map);
