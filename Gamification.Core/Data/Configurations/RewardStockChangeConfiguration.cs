namespace Gamification.Core.Data.Configurations;

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
