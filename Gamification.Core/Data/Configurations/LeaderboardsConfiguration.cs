using Gamification.Core.Leaderboards;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class LeaderboardVersionConfiguration : IEntityTypeConfiguration<LeaderboardVersion>
{
    public void Configure(EntityTypeBuilder<LeaderboardVersion> builder)
    {
        builder.ToTable("leaderboard_version");
        builder.HasKey(v => v.TenantId);
        builder.Property(v => v.TenantId).ValueGeneratedNever();
    }
}
