namespace Gamification.Core.Tenants;

/// <summary>A tenant's rules (table gamification_config). Defaults are the moderate preset of the guide and RULES.md.</summary>
public class GamificationConfig : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public bool Enabled { get; set; } = true;

    public int PointsPerCall { get; set; } = 10;
    public int PointsPerConversion { get; set; } = 50;
    public int PointsPerQualityReview { get; set; } = 5;
    public int PointsPerFeedback { get; set; } = 3;

    public int PerfectCallMultiplier { get; set; } = 2;
    public int PerfectCallBonus { get; set; } = 10;

    public decimal StreakMultiplier { get; set; } = 1.5m;
    public int StreakBonusMinDays { get; set; } = 3;
    public bool StreakSkipsDaysOff { get; set; }
    /// <summary>Weekdays that neither extend nor break a streak when <see cref="StreakSkipsDaysOff"/> is on.</summary>
    public List<DayOfWeek> DaysOff { get; set; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public int MaxDailyPoints { get; set; } = 500;
    public int DailyCapRaisePerLevel { get; set; } = 50;

    public int PointsDecayPercent { get; set; } = 5;
    public int DecayPeriodDays { get; set; } = 30;

    /// <summary>Level-up bonus: base x multiplier + bonus = 100 x 1.25 + 25 = 150.</summary>
    public int LevelUpBasePoints { get; set; } = 100;
    public decimal LevelUpMultiplier { get; set; } = 1.25m;
    public int LevelUpBonus { get; set; } = 25;

    public string LeaderboardResetPeriod { get; set; } = "weekly";

    public bool DailyChallenges { get; set; } = true;
    public bool WeeklyChallenges { get; set; } = true;
    public bool MonthlyChallenges { get; set; } = true;

    /// <summary>
    /// The farming-detection thresholds the tenant changed, as JSON (see <see cref="Analytics.FarmingThresholds.ToStored"/>);
    /// null when it uses the defaults.
    /// </summary>
    public string? FarmingThresholdsJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
