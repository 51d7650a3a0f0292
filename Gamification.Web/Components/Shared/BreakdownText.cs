using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// How the agent's pages word a ledger entry: why it earned what ("10 × 2 × 1.5 + 10 = 40",
/// "capped: 0 of 30 (daily cap reached)"), its type, and the colour of a tier. The words are the <c>Ledger.</c> texts in
/// the reader's language; the figures stay invariant ("1,234", "1.5") in English and in any language the app does not
/// speak, as they always were, and follow the reader's culture otherwise ("1.234", "1,5").
/// </summary>
public static class BreakdownText
{
    private static CultureInfo Numbers => UiText.Figures;

    /// <summary>The computation behind an entry, in the words of RULES.md.</summary>
    public static string For(IStringLocalizer l, TransactionView entry)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Type switch
        {
            TransactionType.Activity => Activity(l, entry),
            TransactionType.LevelUp => l["Ledger.LevelUp", Formula(entry), Plain(entry.Points)],
            TransactionType.BadgeReward => l["Ledger.BadgeReward", WithSign(entry.Points)],
            TransactionType.ChallengeReward => l["Ledger.ChallengeReward", WithSign(entry.Points)],
            TransactionType.AdminAward => l["Ledger.AdminAward", WithSign(entry.Points)],
            TransactionType.AdminRevoke => l["Ledger.AdminRevoke", WithSign(entry.Points)],
            TransactionType.Decay => l["Ledger.Decay", WithSign(entry.Points)],
            TransactionType.Redemption => l["Ledger.Redemption", WithSign(entry.Points)],
            TransactionType.RedemptionRefund => l["Ledger.RedemptionRefund", WithSign(entry.Points)],
            _ => WithSign(entry.Points),
        };
    }

    /// <summary>A short name for an entry type ("Activity", "Actividad").</summary>
    public static string TypeLabel(IStringLocalizer l, TransactionType type)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Enum.IsDefined(type) ? l[$"Ledger.Type.{type}"] : type.ToString();
    }

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

    /// <summary>The ledger's points cell: <c>mud-table-cell</c> with <see cref="PointsClass"/>, one string each.</summary>
    public static string PointsCellClass(long points) => points > 0 ? "mud-table-cell points-plus" : points < 0 ? "mud-table-cell points-minus" : "mud-table-cell points-zero";

    /// <summary>The outlined small chip of a ledger entry's type in its colour (MudChip's classes), one string per type.</summary>
    public static string TypeChipClass(TransactionType type) =>
        SharedText.Of($"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-{TypeColor(type).ToString().ToLowerInvariant()} ml-1");

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

    private static string Activity(IStringLocalizer l, TransactionView entry)
    {
        if (entry.Points == 0 && entry.UncappedPoints > 0)
        {
            return l["Ledger.CapReached", Plain(entry.UncappedPoints)];
        }
        var plain = entry.Multiplier == 1m && entry.StreakMultiplier == 1m && entry.Bonus == 0;
        var formula = plain ? l["Ledger.BasePoints", Plain(entry.UncappedPoints)] : $"{Formula(entry)} = {Plain(entry.UncappedPoints)}";
        return entry.Points < entry.UncappedPoints
            ? l["Ledger.Capped", formula, Plain(entry.Points), Plain(entry.UncappedPoints)]
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
