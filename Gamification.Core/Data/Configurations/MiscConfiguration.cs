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
