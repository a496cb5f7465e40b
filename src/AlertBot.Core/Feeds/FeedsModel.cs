using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Feeds;

internal static class FeedsModel
{
    public static void ConfigureFeeds(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeedSource>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(FeedSource.MaxNameLength);
            e.Property(s => s.Url).HasMaxLength(FeedSource.MaxUrlLength);
            e.Property(s => s.Language).HasMaxLength(8);
            e.Property(s => s.DisabledBy).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.DisabledReason).HasMaxLength(1000);
            e.Property(s => s.ETag).HasMaxLength(1000);
            e.Property(s => s.LastErrorKind).HasMaxLength(32);
            e.Property(s => s.LastErrorMessage).HasMaxLength(2000);
            e.HasIndex(s => s.Name).IsUnique();
        });
        modelBuilder.Entity<FeedItemKey>(e =>
        {
            e.Property(k => k.Key).HasMaxLength(FeedItemKey.MaxKeyLength);
            e.Property(k => k.SkippedReason).HasMaxLength(500);
            e.HasIndex(k => new { k.SourceId, k.Key }).IsUnique();
            e.HasIndex(k => new { k.SourceId, k.SeenAt });
            e.HasOne<FeedSource>().WithMany().HasForeignKey(k => k.SourceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
