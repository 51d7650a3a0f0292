using MudBlazor;

namespace Gamification.Web.Components.Pages.Rewards;

/// <summary>How the shop words and colours rewards and redemptions: one place for the cards, the dialog and the history.</summary>
public static class RewardText
{
    public static string CategoryIcon(RewardCategory category) => category switch
    {
        RewardCategory.Discount => Icons.Material.Filled.LocalOffer,
        RewardCategory.Digital => Icons.Material.Filled.Bolt,
        RewardCategory.Experience => Icons.Material.Filled.Celebration,
        _ => Icons.Material.Filled.Redeem,
    };

    public static string CategoryColour(RewardCategory category) => category switch
    {
        RewardCategory.Discount => "#BE185D",
        RewardCategory.Digital => "#0369A1",
        RewardCategory.Experience => "#B45309",
        _ => "#047857",
    };

    /// <summary>"1,250 points".</summary>
    public static string Points(long points) => points == 1 ? "1 point" : $"{points.ToString("N0", CultureInfo.CurrentCulture)} points";

    /// <summary>"Unlimited", "3 left", "Out of stock".</summary>
    public static string Stock(int stock) => stock switch
    {
        -1 => "Unlimited",
        0 => "Out of stock",
        _ => $"{stock.ToString("N0", CultureInfo.CurrentCulture)} left",
    };

    /// <summary>"Redeemed 5 times in the last 14 days" (or "once"): why a trending reward is marked.</summary>
    public static string Trending(int redemptions) =>
        $"Redeemed {(redemptions == 1 ? "once" : $"{redemptions.ToString("N0", CultureInfo.CurrentCulture)} times")} in the last {RewardRules.TrendingDays} days";

    /// <summary>"1 per month, 1 left", "2 per week, 0 left"; null when the reward has no limit per agent.</summary>
    public static string? Limit(ShopItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Reward.PerAgentLimit is { } limit
            ? $"{limit} {RewardRules.Describe(item.Reward.LimitPeriod)}, {item.RemainingForAgent ?? limit} left"
            : null;
    }

    /// <summary>
    /// How many the agent can take in one redemption: within their limit, the stock, what their points cover and the
    /// most one redemption allows; at least 1 (the engine refuses what does not fit, with its reason).
    /// </summary>
    public static int MaxQuantity(ShopItem item, long currentPoints)
    {
        ArgumentNullException.ThrowIfNull(item);
        var max = (long)RewardRules.MaxQuantity;
        if (item.RemainingForAgent is { } remaining)
        {
            max = Math.Min(max, remaining);
        }
        if (item.Reward.Stock >= 0)
        {
            max = Math.Min(max, item.Reward.Stock);
        }
        if (item.Reward.PointsCost > 0)
        {
            max = Math.Min(max, Math.Max(0, currentPoints) / item.Reward.PointsCost);
        }
        return (int)Math.Max(1, max);
    }

    public static string StatusLabel(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Pending => "Pending",
        RedemptionStatus.Approved => "Approved",
        RedemptionStatus.Rejected => "Rejected",
        RedemptionStatus.Completed => "Completed",
        _ => "Expired",
    };

    /// <summary>
    /// The one colour map of a redemption's status, for the agent's history and the admins' queue alike. The two used
    /// to disagree on Completed (primary here, info in the queue); a redemption the agent has received reads as a
    /// success, like an approved one.
    /// </summary>
    public static Color StatusColour(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Pending => Color.Warning,
        RedemptionStatus.Approved => Color.Success,
        RedemptionStatus.Rejected => Color.Error,
        RedemptionStatus.Completed => Color.Success,
        _ => Color.Default,
    };

    public static string StatusIcon(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Pending => Icons.Material.Filled.HourglassTop,
        RedemptionStatus.Approved => Icons.Material.Filled.CheckCircle,
        RedemptionStatus.Rejected => Icons.Material.Filled.Cancel,
        RedemptionStatus.Completed => Icons.Material.Filled.TaskAlt,
        _ => Icons.Material.Filled.EventBusy,
    };

    /// <summary>The lowercase status for <c>data-status</c> attributes.</summary>
    public static string StatusKey(RedemptionStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>"4 Mar 2026" in the tenant's time zone.</summary>
    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"4 Mar 2026, 14:05" in the tenant's time zone.</summary>
    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
}
