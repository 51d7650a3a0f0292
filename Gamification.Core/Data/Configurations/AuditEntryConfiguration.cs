namespace Gamification.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.SubjectType).HasMaxLength(32);
        builder.Property(a => a.SubjectId).HasMaxLength(450);
        builder.Property(a => a.Summary).HasMaxLength(AuditTrail.MaxSummaryLength);
        // The Audit page: newest first, for the tenant, one person or one kind.
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasIndex(a => new { a.TenantId, a.ActorId, a.At });
        builder.HasIndex(a => new { a.TenantId, a.Kind, a.At });
    }
}
