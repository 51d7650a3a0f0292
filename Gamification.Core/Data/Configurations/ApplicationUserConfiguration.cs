namespace Gamification.Core.Data.Configurations;

/// <summary>
/// What the app adds to Identity's user table. The query filter that scopes users to the current tenant needs the
/// context, so it stays in <see cref="GamificationDbContext"/> with the other tenant filters.
/// </summary>
internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(u => u.ExternalId).HasMaxLength(64);
        // Stored by name ("Visible", "Anonymous", "Hidden"); the migration gives existing people Visible and reminders on.
        builder.Property(u => u.LeaderboardVisibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Language).HasMaxLength(16);
        builder.Property(u => u.Theme).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(u => new { u.TenantId, u.ExternalId }).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.TeamId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
