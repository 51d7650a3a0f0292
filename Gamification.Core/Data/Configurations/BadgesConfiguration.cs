using Gamification.Core.Badges;
using Gamification.Core.Users;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class BadgeConfiguration : IEntityTypeConfiguration<Badge>
{
    public void Configure(EntityTypeBuilder<Badge> builder)
    {
        builder.ToTable("badge");
        builder.Property(b => b.Code).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(100).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(500);
        builder.Property(b => b.Icon).HasMaxLength(300);
        builder.HasIndex(b => new { b.TenantId, b.Code }).IsUnique();
        builder.HasIndex(b => new { b.TenantId, b.RequirementType });
    }
}

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
