using Gamification.Core.Rewards;
using Gamification.Core.Users;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class RewardItemConfiguration : IEntityTypeConfiguration<RewardItem>
{
    public void Configure(EntityTypeBuilder<RewardItem> builder)
    {
        builder.ToTable("reward_item");
        builder.Property(r => r.Name).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(1000);
        builder.Property(r => r.ImageUrl).HasMaxLength(300);
        builder.Property(r => r.RedemptionDetails).HasMaxLength(1000);
        builder.HasIndex(r => new { r.TenantId, r.IsActive, r.Category });
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

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

internal sealed class RewardStockChangeConfiguration : IEntityTypeConfiguration<RewardStockChange>
{
    public void Configure(EntityTypeBuilder<RewardStockChange> builder)
    {
        builder.ToTable("reward_stock_change");
        builder.Property(r => r.Reason).HasMaxLength(200).IsRequired();
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.HasIndex(r => new { r.TenantId, r.RewardItemId, r.At });
        builder.HasOne<RewardItem>().WithMany().HasForeignKey(r => r.RewardItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
