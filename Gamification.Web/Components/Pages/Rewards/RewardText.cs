using Microsoft.Extensions.Localization;

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

    /// <summary>The category's name as the reader reads it ("Discount", "Descuento").</summary>
    public static string Category(IStringLocalizer l, RewardCategory category)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"RewardText.Category.{category}"];
    }

    /// <summary>"1,250 points".</summary>
    public static string Points(IStringLocalizer l, long points)
    {
        ArgumentNullException.ThrowIfNull(l);
        return points == 1 ? l["RewardText.Points.One"] : l["RewardText.Points.Other", points.ToString("N0", CultureInfo.CurrentCulture)];
    }

    /// <summary>"Unlimited", "3 left", "Out of stock".</summary>
    public static string Stock(IStringLocalizer l, int stock)
    {
        ArgumentNullException.ThrowIfNull(l);
        return stock switch
        {
            -1 => l["RewardText.Unlimited"],
            0 => l["RewardText.OutOfStock"],
            _ => l["RewardText.Left", stock.ToString("N0", CultureInfo.CurrentCulture)],
        };
    }

    /// <summary>"Redeemed 5 times in the last 14 days" (or "once"): why a trending reward is marked.</summary>
    public static string Trending(IStringLocalizer l, int redemptions)
    {
        ArgumentNullException.ThrowIfNull(l);
        return redemptions == 1
            ? l["RewardText.Trending.One", RewardRules.TrendingDays]
            : l["RewardText.Trending.Other", redemptions.ToString("N0", CultureInfo.CurrentCulture), RewardRules.TrendingDays];
    }

    /// <summary>"1 per month, 1 left", "2 per week, 0 left"; null when the reward has no limit per agent.</summary>
    public static string? Limit(IStringLocalizer l, ShopItem item)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Reward.PerAgentLimit is not { } limit)
        {
            return null;
        }
        var key = item.Reward.LimitPeriod switch
        {
            RewardLimitPeriod.Week => "RewardText.Limit.Week",
            RewardLimitPeriod.Month => "RewardText.Limit.Month",
            _ => "RewardText.Limit.Total",
        };
        return l[key, limit, item.RemainingForAgent ?? limit];
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

    public static string StatusLabel(IStringLocalizer l, RedemptionStatus status)
    {
        ArgumentNullException.ThrowIfNull(l);
        return status switch
        {
            RedemptionStatus.Pending => l["RewardText.Status.Pending"],
            RedemptionStatus.Approved => l["RewardText.Status.Approved"],
            RedemptionStatus.Rejected => l["RewardText.Status.Rejected"],
            RedemptionStatus.Completed => l["RewardText.Status.Completed"],
            _ => l["RewardText.Status.Expired"],
        };
    }

    /// <summary>"2 pending": a count of redemptions with a status, for the history's summary.</summary>
    public static string StatusCount(IStringLocalizer l, RedemptionStatus status, int count)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["RewardText.StatusCount", count, StatusLabel(l, status).ToLower(CultureInfo.CurrentCulture)];
    }

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
