namespace Gamification.Core.Data.Configurations;

internal sealed class GamificationConfigConfiguration : IEntityTypeConfiguration<GamificationConfig>
{
    public void Configure(EntityTypeBuilder<GamificationConfig> builder)
    {
        builder.ToTable("gamification_config");
        builder.HasIndex(c => c.TenantId).IsUnique();
        builder.Property(c => c.LeaderboardResetPeriod).HasMaxLength(16);
        builder.Property(c => c.FarmingThresholdsJson).HasMaxLength(4000);
        builder.Property(c => c.Language).HasMaxLength(16);
    }
}
