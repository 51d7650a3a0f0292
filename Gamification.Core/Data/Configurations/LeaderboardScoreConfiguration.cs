namespace Gamification.Core.Data.Configurations;

internal sealed class LeaderboardScoreConfiguration : IEntityTypeConfiguration<LeaderboardScore>
{
    public void Configure(EntityTypeBuilder<LeaderboardScore> builder)
    {
        builder.ToTable("leaderboard_score");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.TenantId, s.PeriodType, s.PeriodStart, s.UserId }).IsUnique();
        // A period's board (user and points) is read from this index alone, in score order.
        builder.HasIndex(s => new { s.TenantId, s.PeriodType, s.PeriodStart, s.Points, s.UserId });
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
