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
