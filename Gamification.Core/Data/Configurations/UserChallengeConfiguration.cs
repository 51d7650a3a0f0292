namespace Gamification.Core.Data.Configurations;

internal sealed class UserChallengeConfiguration : IEntityTypeConfiguration<UserChallenge>
{
    public void Configure(EntityTypeBuilder<UserChallenge> builder)
    {
        builder.ToTable("user_challenge");
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.PrizeHandedOutBy).HasMaxLength(450);
        // Unique per (user, challenge, window); window before challenge so the engine finds a user's open windows by seek.
        builder.HasIndex(c => new { c.TenantId, c.UserId, c.WindowStart, c.ChallengeId }).IsUnique();
        builder.HasOne(c => c.Challenge).WithMany().HasForeignKey(c => c.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
