using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AlertBot.Core.Events;

/// <summary>The pipeline's tables: reports, events, audit log. String lists are EF primitive collections (JSON on SQLite, arrays on PostgreSQL).</summary>
internal static class EventsModel
{
    public static void ConfigureEvents(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Report>(e =>
        {
            e.Property(r => r.Source).HasMaxLength(200);
            e.Property(r => r.Url).HasMaxLength(2048);
            e.Property(r => r.UrlKey).HasMaxLength(2048);
            e.Property(r => r.ContentHash).HasMaxLength(64);
            e.Property(r => r.Language).HasMaxLength(8);
            e.Property(r => r.SubmittedBy).HasMaxLength(200);
            e.Property(r => r.IrrelevantReason).HasMaxLength(500);
            e.HasIndex(r => r.UrlKey).IsUnique();
            e.HasIndex(r => r.ContentHash).IsUnique();
            e.HasIndex(r => r.ReceivedAt);
            Json(e.Property(r => r.Counts));
            Json(e.Property(r => r.ActorRoles));
            Json(e.Property(r => r.Highlights));
            e.HasOne(r => r.Event).WithMany(v => v.Reports).HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<Event>(e =>
        {
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.NoteAr).HasMaxLength(1000);
            e.Property(v => v.NoteEn).HasMaxLength(1000);
            e.Property(v => v.DecidedBy).HasMaxLength(200);
            e.Property(v => v.DecisionReason).HasMaxLength(1000);
            e.Property(v => v.ClaimedBy).HasMaxLength(200);
            e.Property(v => v.LinkReason).HasMaxLength(500);
            e.HasIndex(v => v.LinkedEventId);
            e.Property(v => v.Version).IsConcurrencyToken();
            Json(e.Property(v => v.Counts));
            Json(e.Property(v => v.ActorRoles));
            e.HasIndex(v => new { v.Status, v.LastReportAt });
            e.HasIndex(v => v.EventDate);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.Property(a => a.Rule).HasMaxLength(32);
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.EventId);
        });
    }

    private static void Json<T>(PropertyBuilder<T> property)
        where T : class, new()
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            // A column added to existing rows holds "" (ActorRoles): read as empty.
            s => s.Length == 0 ? new T() : JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Default) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!));
    }
}
