namespace Gamification.Core.Data.Configurations;

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
