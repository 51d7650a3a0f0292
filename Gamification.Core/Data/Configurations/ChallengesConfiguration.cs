using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Core.Tenants;
using Gamification.Core.Users;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gamification.Core.Data.Configurations;

internal sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> builder)
    {
        builder.ToTable("challenge");
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.HasIndex(c => new { c.TenantId, c.IsActive });
        builder.HasOne<Badge>().WithMany().HasForeignKey(c => c.BadgeRewardId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserChallengeConfiguration : IEntityTypeConfiguration<UserChallenge>
{
    public void Configure(EntityTypeBuilder<UserChallenge> builder)
    {
        builder.ToTable("user_challenge");
        builder.Property(c => c.UserId).HasMaxLength(450);
        // Unique per (user, challenge, window); window before challenge so the engine finds a user's open windows by seek.
        builder.HasIndex(c => new { c.TenantId, c.UserId, c.WindowStart, c.ChallengeId }).IsUnique();
        builder.HasOne(c => c.Challenge).WithMany().HasForeignKey(c => c.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class TeamChallengeConfiguration : IEntityTypeConfiguration<TeamChallenge>
{
    public void Configure(EntityTypeBuilder<TeamChallenge> builder)
    {
        builder.ToTable("team_challenge");
        builder.HasIndex(c => new { c.TenantId, c.TeamId, c.WindowStart, c.ChallengeId }).IsUnique();
        builder.HasOne(c => c.Challenge).WithMany().HasForeignKey(c => c.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
