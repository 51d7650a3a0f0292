namespace Gamification.Core.Data.Configurations;

internal sealed class BadgeImageConfiguration : IEntityTypeConfiguration<BadgeImage>
{
    public void Configure(EntityTypeBuilder<BadgeImage> builder)
    {
        builder.ToTable("badge_image");
        builder.Property(i => i.ContentType).HasMaxLength(40).IsRequired();
        builder.Property(i => i.Content).IsRequired();
        builder.HasIndex(i => i.TenantId);
    }
}
