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
