namespace Gamification.Core.Data.Configurations;

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
