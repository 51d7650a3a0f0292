using Gamification.Core.Analytics;
using Gamification.Core.Integration;
using Gamification.Core.Users;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class AchievementEventConfiguration : IEntityTypeConfiguration<AchievementEvent>
{
    public void Configure(EntityTypeBuilder<AchievementEvent> builder)
    {
        builder.ToTable("achievement_event");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt });
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.CreatedAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_key");
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasMaxLength(128).IsRequired();
        builder.HasIndex(k => k.KeyHash).IsUnique();
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<Jobs.JobRun>
{
    public void Configure(EntityTypeBuilder<Jobs.JobRun> builder)
    {
        builder.ToTable("job_run");
        builder.Property(r => r.JobName).HasMaxLength(64).IsRequired();
        builder.Property(r => r.LastResult).HasMaxLength(300);
        builder.HasIndex(r => new { r.TenantId, r.JobName }).IsUnique();
    }
}

internal sealed class DailyUserStatConfiguration : IEntityTypeConfiguration<DailyUserStat>
{
    public void Configure(EntityTypeBuilder<DailyUserStat> builder)
    {
        builder.ToTable("daily_user_stat");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.TenantId, s.LocalDate, s.UserId }).IsUnique();
        // Top earners over a range read this index alone, person by person in order (no sort for the grouping).
        builder.HasIndex(s => new { s.TenantId, s.UserId, s.LocalDate, s.ActivityPoints, s.RewardPoints });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DailyTeamStatConfiguration : IEntityTypeConfiguration<DailyTeamStat>
{
    public void Configure(EntityTypeBuilder<DailyTeamStat> builder)
    {
        builder.ToTable("daily_team_stat");
        builder.HasIndex(s => new { s.TenantId, s.TeamId, s.LocalDate }).IsUnique();
    }
}

internal sealed class LeaderboardViewConfiguration : IEntityTypeConfiguration<LeaderboardView>
{
    public void Configure(EntityTypeBuilder<LeaderboardView> builder)
    {
        builder.ToTable("leaderboard_view");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.TenantId, s.LocalDate, s.UserId }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
