using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Digests;

/// <summary>How often a digest is made.</summary>
public enum DigestScheduleKind
{
    /// <summary>Every day at one or more times.</summary>
    Daily = 0,

    /// <summary>Once a week, on a day at a time.</summary>
    Weekly = 1,

    /// <summary>An admin's own cron expression.</summary>
    Cron = 2,
}

/// <summary>
/// A chat's digest, set by its admins in the chat (<c>/digest</c>): when (cron expressions in the setting's time zone),
/// what (places at any level, actors, event types), in which language(s), and what an empty period gives. One per chat.
/// </summary>
public sealed class DigestSetting
{
    public long Id { get; set; }
    public long RecipientId { get; set; }
    public Recipient? Recipient { get; set; }
    public DigestScheduleKind ScheduleKind { get; set; }

    /// <summary>The schedule as cron expressions (minute hour day month weekday), one recurring job each.</summary>
    public List<string> Crons { get; set; } = [];

    /// <summary>IANA time zone of the schedule and of the times shown in the digest.</summary>
    public string TimeZone { get; set; } = Recipient.DefaultTimeZone;
    public List<string> PlaceIds { get; set; } = [];
    public List<string> ActorIds { get; set; } = [];
    public List<string> EventTypes { get; set; } = [];
    public ChatLanguage Language { get; set; } = ChatLanguage.Both;
    public EmptyDigest WhenEmpty { get; set; }
    public bool Paused { get; set; }

    /// <summary>
    /// Digest mode: the chat's subscriptions give no instant alerts (they are <see cref="Routing.DeliveryMode.DigestOnly"/>)
    /// and the digest covers what they ask for (within the digest's own filter, if any).
    /// </summary>
    public bool InsteadOfAlerts { get; set; }

    /// <summary>Who set it last (<c>platform:user</c>).</summary>
    public string? SetBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The end of the period the last digest covered; the next one starts there (nothing missed, nothing twice).</summary>
    public DateTimeOffset? CoveredUntil { get; set; }

    public DigestFilter Filter => new(PlaceIds, ActorIds, EventTypes);
}

/// <summary>
/// One digest made: a setting and the period it covers. Unique per (setting, end of period), and the outbox row that
/// sends it is keyed by it, so a digest is sent once however many instances run the job, and again after a crash.
/// </summary>
public sealed class DigestRun
{
    public long Id { get; set; }
    public long SettingId { get; set; }
    public DigestSetting? Setting { get; set; }
    public DateTimeOffset PeriodFrom { get; set; }
    public DateTimeOffset PeriodTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal static class DigestsModel
{
    public static void ConfigureDigests(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DigestSetting>(e =>
        {
            e.Property(s => s.ScheduleKind).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.Language).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.WhenEmpty).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.SetBy).HasMaxLength(100);
            e.Ignore(s => s.Filter);
            e.HasIndex(s => s.RecipientId).IsUnique();
            e.HasOne(s => s.Recipient).WithMany().HasForeignKey(s => s.RecipientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DigestRun>(e =>
        {
            e.HasIndex(r => new { r.SettingId, r.PeriodTo }).IsUnique();
            e.HasOne(r => r.Setting).WithMany().HasForeignKey(r => r.SettingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
