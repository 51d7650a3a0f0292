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

    /// <summary>Daily recurring challenges open new windows (RULES.md, Challenges; docs/rules.md, Challenge cadence switches).</summary>
    public bool DailyChallenges { get; set; } = true;
    public bool WeeklyChallenges { get; set; } = true;
    public bool MonthlyChallenges { get; set; } = true;

    /// <summary>
    /// While <see cref="DailyChallenges"/> is off: the first local day whose window no longer opens (the window that
    /// was open when the switch went off runs to its end). Null while the switch is on, or when it was off from the
    /// tenant's start (no window opens).
    /// </summary>
    public DateOnly? DailyChallengesOffFrom { get; set; }
    public DateOnly? WeeklyChallengesOffFrom { get; set; }
    public DateOnly? MonthlyChallengesOffFrom { get; set; }

    /// <summary>
    /// The tenant's language ("en" or "es"): its people read the app in it unless they chose theirs; starter badges,
    /// challenges and rewards of a new tenant are written in it.
    /// </summary>
    public string Language { get; set; } = "en";

    /// <summary>Agents may choose to appear anonymous or hidden on colleagues' boards; off: everyone is shown by name.</summary>
    public bool LeaderboardVisibilityChoice { get; set; } = true;

    /// <summary>"Protect the bottom": agents' boards show the top <see cref="ProtectBottomTop"/> and the reader's neighbourhood only.</summary>
    public bool ProtectBottom { get; set; }

    /// <summary>How many leaders an agent's board shows while <see cref="ProtectBottom"/> is on.</summary>
    public int ProtectBottomTop { get; set; } = 10;

    /// <summary>The boards offer a league tab: an agent ranked among the people of their own tier.</summary>
    public bool Leagues { get; set; } = true;

    /// <summary>Agents with a streak get an afternoon reminder on a working day with no activity yet.</summary>
    public bool StreakReminders { get; set; } = true;

    /// <summary>
    /// The farming-detection thresholds the tenant changed, as JSON (see <see cref="Analytics.FarmingThresholds.ToStored"/>);
    /// null when it uses the defaults.
    /// </summary>
    public string? FarmingThresholdsJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Sets the challenge cadence switches on the tenant-local day <paramref name="today"/>. A switch going off lets
    /// the window open today run to its end and opens no later one; a switch going on opens windows again from the
    /// current one. Progress already earned is kept either way.
    /// </summary>
    public void SetChallengeCadences(bool daily, bool weekly, bool monthly, DateOnly today)
    {
        DailyChallengesOffFrom = OffFrom(DailyChallenges, daily, DailyChallengesOffFrom, today.AddDays(1));
        WeeklyChallengesOffFrom = OffFrom(WeeklyChallenges, weekly, WeeklyChallengesOffFrom, TenantClock.WeekStart(today).AddDays(7));
        MonthlyChallengesOffFrom = OffFrom(MonthlyChallenges, monthly, MonthlyChallengesOffFrom, TenantClock.MonthStart(today).AddMonths(1));
        (DailyChallenges, WeeklyChallenges, MonthlyChallenges) = (daily, weekly, monthly);
    }

    private static DateOnly? OffFrom(bool wasOn, bool isOn, DateOnly? offFrom, DateOnly nextWindow) =>
        isOn ? null : wasOn ? nextWindow : offFrom;
}
