using AlertBot.Core.Events;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Delivery;

/// <summary>Subscriptions, routing work, the outbox and the message registry. A forgotten recipient takes all its rows with it.</summary>
internal static class DeliveryModel
{
    public static void ConfigureDelivery(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Subscription>(e =>
        {
            e.Property(s => s.PlaceId).HasMaxLength(64);
            e.Property(s => s.ActorId).HasMaxLength(64);
            e.Property(s => s.EventType).HasMaxLength(64);
            e.Property(s => s.Mode).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(s => new { s.RecipientId, s.PlaceId, s.ActorId, s.EventType }).IsUnique();
            e.HasOne(s => s.Recipient).WithMany().HasForeignKey(s => s.RecipientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SubscriptionChange>(e => e.HasIndex(c => c.At));
        modelBuilder.Entity<RoutingTask>(e =>
        {
            e.Property(t => t.Reason).HasMaxLength(16);
            e.Property(t => t.LeaseOwner).HasMaxLength(100);
            e.HasIndex(t => new { t.DoneAt, t.Id });
        });
        modelBuilder.Entity<OutboxItem>(e =>
        {
            e.Property(o => o.Kind).HasMaxLength(16);
            e.Property(o => o.State).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.LeaseOwner).HasMaxLength(100);
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.HasIndex(o => new { o.RecipientId, o.Kind, o.SubjectId }).IsUnique();
            e.HasIndex(o => new { o.State, o.DueAt });
            e.HasIndex(o => new { o.SubjectId, o.Kind });
            e.HasOne(o => o.Recipient).WithMany().HasForeignKey(o => o.RecipientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SentMessage>(e =>
        {
            e.Property(m => m.Kind).HasMaxLength(16);
            e.Property(m => m.MessageId).HasMaxLength(64);
            e.HasIndex(m => new { m.SubjectId, m.Kind, m.RecipientId, m.Part }).IsUnique();
            e.HasOne(m => m.Recipient).WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Recipient>(e =>
        {
            e.Property(r => r.TimeZone).HasMaxLength(64).HasDefaultValue(Recipient.DefaultTimeZone);
            e.Ignore(r => r.Active);
            e.Property(r => r.QuietMode).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.DeactivatedReason).HasMaxLength(500);
        });
    }
}
