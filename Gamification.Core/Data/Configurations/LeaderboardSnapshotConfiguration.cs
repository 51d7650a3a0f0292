namespace Gamification.Core.Data.Configurations;

internal sealed class LeaderboardSnapshotConfiguration : IEntityTypeConfiguration<LeaderboardSnapshot>
{
    public void Configure(EntityTypeBuilder<LeaderboardSnapshot> builder)
    {
        builder.ToTable("leaderboard");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.TenantId, s.PeriodType, s.PeriodStart, s.SnapshotAt });
        builder.HasIndex(s => new { s.TenantId, s.UserId, s.PeriodType, s.SnapshotAt });
    }
}
