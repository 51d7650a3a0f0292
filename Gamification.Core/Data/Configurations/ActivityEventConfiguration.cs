namespace Gamification.Core.Data.Configurations;

internal sealed class ActivityEventConfiguration : IEntityTypeConfiguration<ActivityEvent>
{
    public void Configure(EntityTypeBuilder<ActivityEvent> builder)
    {
        builder.ToTable("activity_event");
        builder.Property(e => e.EventId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.AgentExternalId).HasMaxLength(64);
        builder.Property(e => e.LeadId).HasMaxLength(128);
        builder.HasIndex(e => new { e.TenantId, e.EventId }).IsUnique();
        // One more index only: an agent's events by day (it also serves the foreign key). Every index is paid for
        // on each of the thousands of events a minute; tenant-wide reports by day read the ledger's (tenant, day).
        builder.HasIndex(e => new { e.UserId, e.LocalDate });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
