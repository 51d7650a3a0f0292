namespace Gamification.Core.Data.Configurations;

internal sealed class DailyTeamStatConfiguration : IEntityTypeConfiguration<DailyTeamStat>
{
    public void Configure(EntityTypeBuilder<DailyTeamStat> builder)
    {
        builder.ToTable("daily_team_stat");
        builder.HasIndex(s => new { s.TenantId, s.TeamId, s.LocalDate }).IsUnique();
    }
}
