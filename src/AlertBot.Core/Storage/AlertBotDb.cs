using AlertBot.Core.Delivery;
using AlertBot.Core.Digests;
using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AlertBot.Core.Storage;

/// <summary>
/// The one DbContext. Each provider has a subclass (<see cref="SqliteAlertBotDb"/>, <see cref="PostgresAlertBotDb"/>)
/// only so that each gets its own generated migrations; code everywhere else uses this type.
/// </summary>
public abstract class AlertBotDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect console cookies, shared by every instance on one database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<Platforms.IssuedMenu> IssuedMenus => Set<Platforms.IssuedMenu>();
    public DbSet<Platforms.InboundReceipt> InboundReceipts => Set<Platforms.InboundReceipt>();
    public DbSet<SandboxMessage> SandboxMessages => Set<SandboxMessage>();
    public DbSet<SandboxMember> SandboxMembers => Set<SandboxMember>();

    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<FeedSource> FeedSources => Set<FeedSource>();
    public DbSet<FeedItemKey> FeedItemKeys => Set<FeedItemKey>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<SubscriptionChange> SubscriptionChanges => Set<SubscriptionChange>();
    public DbSet<RoutingTask> RoutingTasks => Set<RoutingTask>();
    public DbSet<OutboxItem> Outbox => Set<OutboxItem>();
    public DbSet<SentMessage> SentMessages => Set<SentMessage>();

    public DbSet<DigestSetting> DigestSettings => Set<DigestSetting>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Recipient>(e =>
        {
            e.Property(r => r.Platform).HasMaxLength(16);
            e.Property(r => r.ChatId).HasMaxLength(64);
            e.Property(r => r.Language).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(8).HasDefaultValue(ChatKind.Private).HasSentinel((ChatKind)(-1));
            e.Property(r => r.ThreadId).HasMaxLength(64);
            e.Property(r => r.AddedByUserId).HasMaxLength(64);
            e.HasIndex(r => new { r.Platform, r.ChatId }).IsUnique();
        });
        modelBuilder.Entity<Platforms.IssuedMenu>(e =>
        {
            e.Property(m => m.Platform).HasMaxLength(16);
            e.Property(m => m.ChatId).HasMaxLength(64);
            e.Property(m => m.MessageId).HasMaxLength(64);
            e.HasIndex(m => new { m.Platform, m.ChatId, m.MessageId }).IsUnique();
            e.HasIndex(m => m.IssuedAt);
        });
        modelBuilder.Entity<Platforms.InboundReceipt>(e =>
        {
            e.HasKey(r => new { r.Platform, r.Key });
            e.Property(r => r.Platform).HasMaxLength(16);
            e.Property(r => r.Key).HasMaxLength(Platforms.InboundReceipts.MaxKeyLength);
            e.HasIndex(r => r.ReceivedAt);
        });
        modelBuilder.Entity<SandboxMessage>(e =>
        {
            e.Property(m => m.ChatId).HasMaxLength(64);
            e.Property(m => m.UserId).HasMaxLength(64);
            e.Property(m => m.VisibleToUserId).HasMaxLength(64);
            e.Property(m => m.ThreadId).HasMaxLength(64);
            e.Property(m => m.ImageName).HasMaxLength(128);
            e.Property(m => m.ImageAlt).HasMaxLength(512);
            e.HasIndex(m => new { m.ChatId, m.Id });
        });
        modelBuilder.Entity<SandboxMember>(e =>
        {
            e.HasKey(m => new { m.ChatId, m.UserId });
            e.Property(m => m.ChatId).HasMaxLength(64);
            e.Property(m => m.UserId).HasMaxLength(64);
        });
        modelBuilder.ConfigureEvents();
        modelBuilder.ConfigureFeeds();
        modelBuilder.ConfigureDelivery();
        modelBuilder.ConfigureDigests();
    }
}

public sealed class SqliteAlertBotDb(DbContextOptions<SqliteAlertBotDb> options) : AlertBotDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; store them as sortable UTC ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresAlertBotDb(DbContextOptions<PostgresAlertBotDb> options) : AlertBotDb(options);
