namespace Gamification.Core.Data.Configurations;

internal sealed class LeaderboardVersionConfiguration : IEntityTypeConfiguration<LeaderboardVersion>
{
    public void Configure(EntityTypeBuilder<LeaderboardVersion> builder)
    {
        builder.ToTable("leaderboard_version");
        builder.HasKey(v => v.TenantId);
        builder.Property(v => v.TenantId).ValueGeneratedNever();
    }
}
