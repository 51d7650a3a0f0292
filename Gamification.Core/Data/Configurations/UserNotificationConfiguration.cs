namespace Gamification.Core.Data.Configurations;

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> builder)
    {
        builder.ToTable("user_notification");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Title).HasMaxLength(NotificationRules.MaxTitleLength).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(NotificationRules.MaxTextLength).IsRequired();
        builder.Property(n => n.DataJson).HasMaxLength(1000);
        // Once per person, kind and local day: a second instance or a rerun of the reminder pass cannot send it twice.
        builder.HasIndex(n => new { n.TenantId, n.UserId, n.Kind, n.LocalDate }).IsUnique();
        // The inbox: a person's notices, newest first.
        builder.HasIndex(n => new { n.TenantId, n.UserId, n.CreatedAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
