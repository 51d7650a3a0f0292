namespace Gamification.Core.Data.Configurations;

internal sealed class UserLevelConfiguration : IEntityTypeConfiguration<UserLevel>
{
    public void Configure(EntityTypeBuilder<UserLevel> builder)
    {
        builder.ToTable("user_level");
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.HasIndex(l => new { l.TenantId, l.UserId }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
