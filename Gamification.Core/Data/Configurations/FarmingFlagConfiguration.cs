namespace Gamification.Core.Data.Configurations;

internal sealed class FarmingFlagConfiguration : IEntityTypeConfiguration<FarmingFlag>
{
    public void Configure(EntityTypeBuilder<FarmingFlag> builder)
    {
        builder.ToTable("farming_flag");
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Evidence).HasMaxLength(1000).IsRequired();
        builder.Property(f => f.Note).HasMaxLength(500);
        builder.Property(f => f.DecidedByUserId).HasMaxLength(450);
        builder.HasIndex(f => new { f.TenantId, f.UserId, f.Kind, f.WindowStart }).IsUnique();
        builder.HasIndex(f => new { f.TenantId, f.Status, f.DetectedAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
