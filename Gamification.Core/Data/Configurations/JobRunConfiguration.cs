namespace Gamification.Core.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<Jobs.JobRun>
{
    public void Configure(EntityTypeBuilder<Jobs.JobRun> builder)
    {
        builder.ToTable("job_run");
        builder.Property(r => r.JobName).HasMaxLength(64).IsRequired();
        builder.Property(r => r.LastResult).HasMaxLength(300);
        builder.HasIndex(r => new { r.TenantId, r.JobName }).IsUnique();
    }
}
