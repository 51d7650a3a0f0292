using Gamification.Core.Points;
using Gamification.Core.Users;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class UserPointsConfiguration : IEntityTypeConfiguration<UserPoints>
{
    public void Configure(EntityTypeBuilder<UserPoints> builder)
    {
        builder.ToTable("user_points");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class PointTransactionConfiguration : IEntityTypeConfiguration<PointTransaction>
{
    public void Configure(EntityTypeBuilder<PointTransaction> builder)
    {
        builder.ToTable("point_transactions");
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.Reason).HasMaxLength(500);
        builder.Property(t => t.SourceId).HasMaxLength(200);
        builder.Property(t => t.CreatedByUserId).HasMaxLength(450);
        builder.HasIndex(t => new { t.TenantId, t.UserId, t.CreatedAt });
        builder.HasIndex(t => new { t.TenantId, t.LocalDate });
        // One entry per source: a badge, a challenge window, a level, an event or a decay period is paid to a user at
        // most once (the types are TransactionTypes.WithUniqueSource).
        builder.HasIndex(t => new { t.TenantId, t.UserId, t.Type, t.SourceId })
            .IsUnique()
            .HasFilter(TransactionTypes.UniqueSourceIndexFilter);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActivityEventConfiguration : IEntityTypeConfiguration<ActivityEvent>
{
    public void Configure(EntityTypeBuilder<ActivityEvent> builder)
    {
        builder.ToTable("activity_event");
        builder.Property(e => e.EventId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.AgentExternalId).HasMaxLength(64);
        builder.Property(e => e.LeadId).HasMaxLength(128);
        builder.HasIndex(e => new { e.TenantId, e.EventId }).IsUnique();
        // One more index only: an agent's events by day (it also serves the foreign key). Every index is paid for
        // on each of the thousands of events a minute; tenant-wide reports by day read the ledger's (tenant, day).
        builder.HasIndex(e => new { e.UserId, e.LocalDate });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
