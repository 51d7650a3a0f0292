using Gamification.Core.Tenants;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenant");
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("team");
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
    }
}

internal sealed class GamificationConfigConfiguration : IEntityTypeConfiguration<GamificationConfig>
{
    public void Configure(EntityTypeBuilder<GamificationConfig> builder)
    {
        builder.ToTable("gamification_config");
        builder.HasIndex(c => c.TenantId).IsUnique();
        builder.Property(c => c.LeaderboardResetPeriod).HasMaxLength(16);
        builder.Property(c => c.FarmingThresholdsJson).HasMaxLength(4000);
    }
}
