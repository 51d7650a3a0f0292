namespace Gamification.Core.Data.Configurations;

internal sealed class UserPointsConfiguration : IEntityTypeConfiguration<UserPoints>
{
    public void Configure(EntityTypeBuilder<UserPoints> builder)
    {
        builder.ToTable("user_points");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
