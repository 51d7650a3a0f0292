namespace Gamification.Core.Data.Configurations;

internal sealed class UserBadgeConfiguration : IEntityTypeConfiguration<UserBadge>
{
    public void Configure(EntityTypeBuilder<UserBadge> builder)
    {
        builder.ToTable("user_badge");
        builder.Property(b => b.UserId).HasMaxLength(450);
        builder.Property(b => b.Reason).HasMaxLength(500);
        builder.HasIndex(b => new { b.TenantId, b.UserId, b.BadgeId }).IsUnique();
        builder.HasOne(b => b.Badge).WithMany().HasForeignKey(b => b.BadgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
