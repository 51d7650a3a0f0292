namespace Gamification.Core.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("disputes");
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.EventId).HasMaxLength(DisputeRules.MaxEventIdLength);
        builder.Property(d => d.Message).HasMaxLength(DisputeRules.MaxMessageLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Note).HasMaxLength(DisputeRules.MaxNoteLength);
        builder.Property(d => d.DecidedByUserId).HasMaxLength(450);
        // The queue (by status, oldest first) and the agent's own list (newest first, and the open-disputes limit).
        builder.HasIndex(d => new { d.TenantId, d.Status, d.CreatedAt });
        builder.HasIndex(d => new { d.TenantId, d.UserId, d.CreatedAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
