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
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
