namespace Gamification.Core.Data.Configurations;

internal sealed class UserRedemptionConfiguration : IEntityTypeConfiguration<UserRedemption>
{
    public void Configure(EntityTypeBuilder<UserRedemption> builder)
    {
        builder.ToTable("user_redemption");
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.RedemptionCode).HasMaxLength(64);
        builder.Property(r => r.RejectionReason).HasMaxLength(500);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.HasIndex(r => r.RedemptionCode).IsUnique().HasFilter("redemption_code IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.TenantId, r.UserId, r.CreatedAt });
        builder.HasOne(r => r.RewardItem).WithMany().HasForeignKey(r => r.RewardItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
