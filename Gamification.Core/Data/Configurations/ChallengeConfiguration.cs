namespace Gamification.Core.Data.Configurations;

internal sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> builder)
    {
        builder.ToTable("challenge");
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.Property(c => c.Prize).HasMaxLength(ChallengeService.MaxPrizeLength);
        builder.HasIndex(c => new { c.TenantId, c.IsActive });
        builder.HasOne<Badge>().WithMany().HasForeignKey(c => c.BadgeRewardId).OnDelete(DeleteBehavior.Restrict);
    }
}
