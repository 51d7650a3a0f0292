using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// How the agent's pages word a ledger entry: why it earned what ("10 × 2 × 1.5 + 10 = 40",
/// "capped: 0 of 30 (daily cap reached)"), its type, and the colour of a tier.
/// </summary>
public static class BreakdownText
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    /// <summary>The computation behind an entry, in the words of RULES.md.</summary>
    public static string For(TransactionView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Type switch
        {
            TransactionType.Activity => Activity(entry),
            TransactionType.LevelUp => $"{Formula(entry)} = {Plain(entry.Points)} level-up bonus (not capped)",
            TransactionType.BadgeReward => $"{WithSign(entry.Points)} badge reward (not capped)",
            TransactionType.ChallengeReward => $"{WithSign(entry.Points)} challenge reward (not capped)",
            TransactionType.AdminAward => $"{WithSign(entry.Points)} awarded by an admin",
            TransactionType.AdminRevoke => $"{WithSign(entry.Points)} revoked by an admin",
            TransactionType.Decay => $"{WithSign(entry.Points)} inactivity decay (lifetime points unchanged)",
            TransactionType.Redemption => $"{WithSign(entry.Points)} spent on a reward",
            TransactionType.RedemptionRefund => $"{WithSign(entry.Points)} refunded",
            _ => WithSign(entry.Points),
        };
    }

    /// <summary>A short name for an entry type.</summary>
    public static string TypeLabel(TransactionType type) => type switch
    {
        TransactionType.Activity => "Activity",
        TransactionType.BadgeReward => "Badge",
        TransactionType.ChallengeReward => "Challenge",
        TransactionType.LevelUp => "Level up",
        TransactionType.AdminAward => "Admin award",
        TransactionType.AdminRevoke => "Revoked",
        TransactionType.Decay => "Decay",
        TransactionType.Redemption => "Redeemed",
        TransactionType.RedemptionRefund => "Refund",
        _ => type.ToString(),
    };

    /// <summary>The CSS class of a tier (Bronze, Silver, Gold, Legend); admins may rename levels, which get the default.</summary>
    public static string TierClass(string? tier) => tier?.Trim().ToUpperInvariant() switch
    {
        "BRONZE" => "tier-bronze",
        "SILVER" => "tier-silver",
        "GOLD" => "tier-gold",
        "LEGEND" => "tier-legend",
        _ => "tier-default",
    };

    /// <summary>"+30", "-12", "0".</summary>
    public static string WithSign(long points) => points.ToString("+#,0;-#,0;0", Numbers);

    /// <summary>The CSS class of a points figure: gained, lost or none.</summary>
    public static string PointsClass(long points) => points > 0 ? "points-plus" : points < 0 ? "points-minus" : "points-zero";

    /// <summary>The chip colour of an entry type: activity, rewards, admin awards and refunds, and what lowers a balance.</summary>
    public static Color TypeColor(TransactionType type) => type switch
    {
        TransactionType.Activity => Color.Primary,
        TransactionType.LevelUp or TransactionType.BadgeReward or TransactionType.ChallengeReward => Color.Secondary,
        TransactionType.AdminAward or TransactionType.RedemptionRefund => Color.Success,
        _ => Color.Error,
    };

    private static string Activity(TransactionView entry)
    {
        if (entry.Points == 0 && entry.UncappedPoints > 0)
        {
            return $"capped: 0 of {Plain(entry.UncappedPoints)} (daily cap reached)";
        }
        var plain = entry.Multiplier == 1m && entry.StreakMultiplier == 1m && entry.Bonus == 0;
        var formula = plain ? $"{Plain(entry.UncappedPoints)} base points" : $"{Formula(entry)} = {Plain(entry.UncappedPoints)}";
        return entry.Points < entry.UncappedPoints
            ? $"{formula}, capped: {Plain(entry.Points)} of {Plain(entry.UncappedPoints)} (daily cap)"
            : formula;
    }

    /// <summary>base × multiplier × streak multiplier + bonus, leaving out the factors that are 1 and a bonus of 0.</summary>
    private static string Formula(TransactionView entry)
    {
        var text = Plain(entry.BasePoints);
        if (entry.Multiplier != 1m)
        {
            text += $" × {Factor(entry.Multiplier)}";
        }
        if (entry.StreakMultiplier != 1m)
        {
            text += $" × {Factor(entry.StreakMultiplier)}";
        }
        if (entry.Bonus != 0)
        {
            text += entry.Bonus > 0 ? $" + {Plain(entry.Bonus)}" : $" − {Plain(-entry.Bonus)}";
        }
        return text;
    }

    private static string Plain(long value) => value.ToString("#,0", Numbers);

    private static string Factor(decimal value) => value.ToString("0.###", Numbers);
}
