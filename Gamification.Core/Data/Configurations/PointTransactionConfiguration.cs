namespace Gamification.Core.Data.Configurations;

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
        // An accepted dispute is paid at most once, whoever accepts it and however often (docs/rules.md, Disputes).
        builder.HasIndex(t => new { t.TenantId, t.SourceType, t.SourceId })
            .IsUnique()
            .HasDatabaseName("ix_point_transactions_dispute_source")
            .HasFilter("source_id IS NOT NULL AND source_type = 'Dispute'");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
