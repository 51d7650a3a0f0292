namespace Gamification.Core.Data.Configurations;

internal sealed class DailyUserStatConfiguration : IEntityTypeConfiguration<DailyUserStat>
{
    public void Configure(EntityTypeBuilder<DailyUserStat> builder)
    {
        builder.ToTable("daily_user_stat");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.TenantId, s.LocalDate, s.UserId }).IsUnique();
        // Top earners over a range read this index alone, person by person in order (no sort for the grouping); on
        // SQLite by its name, AnalyticsService.TopEarnersIndex (a test checks the two agree).
        builder.HasIndex(s => new { s.TenantId, s.UserId, s.LocalDate, s.ActivityPoints, s.RewardPoints });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
