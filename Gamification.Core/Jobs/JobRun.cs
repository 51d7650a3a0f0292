namespace Gamification.Core.Jobs;

/// <summary>
/// The last run of a daily job for a tenant (table job_run). <see cref="LastLocalDate"/> is the tenant-local day
/// it ran for, so the job runs once per local day: never twice, never skipped, whatever the day's length.
/// </summary>
public class JobRun : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string JobName { get; set; } = "";
    public DateOnly LastLocalDate { get; set; }
    public DateTimeOffset LastRunAt { get; set; }
    public string LastResult { get; set; } = "";
    public bool LastSucceeded { get; set; } = true;
}
