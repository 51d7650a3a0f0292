namespace Gamification.Core.Data.Configurations;

internal sealed class PlayerLevelConfiguration : IEntityTypeConfiguration<PlayerLevel>
{
    public void Configure(EntityTypeBuilder<PlayerLevel> builder)
    {
        builder.ToTable("player_level");
        builder.Property(l => l.Name).HasMaxLength(50).IsRequired();
        builder.Property(l => l.Tier).HasMaxLength(30).IsRequired();
        builder.Property(l => l.Icon).HasMaxLength(300);
        builder.Property(l => l.UnlockPrivileges).HasMaxLength(1000);
        builder.HasIndex(l => new { l.TenantId, l.LevelNumber }).IsUnique();
    }
}
