using Microsoft.Extensions.Localization;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// Wording that pages of several features share, so each reads the same everywhere. Feature-specific wording stays
/// with its feature (<see cref="BreakdownText"/> for ledger entries, <c>Pages/Rewards/RewardText</c> for rewards and
/// redemptions, their status colours included).
/// </summary>
public static class UiText
{
    /// <summary>
    /// The culture of the figures in texts that wrote them invariant ("1,234", "1.5") before they were translated: still
    /// invariant in English and in any language the app does not speak, the reader's culture otherwise ("1.234", "1,5").
    /// </summary>
    public static CultureInfo Figures => Languages.TextCulture(CultureInfo.CurrentCulture);

    /// <summary>
    /// How long ago, in a few characters: "just now", "5 min ago", "3 h ago" (up to 47 h), then "2 d ago". Used by the
    /// redemption queue and the supervisor dashboards (figures updated, flags detected and decided). In the reader's
    /// language ("hace 5 min").
    /// </summary>
    public static string Ago(IStringLocalizer l, DateTimeOffset at, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(l);
        var age = now - at;
        return age.TotalMinutes < 1 ? l["Time.JustNow"]
            : age.TotalHours < 1 ? l["Time.MinutesAgo", (int)age.TotalMinutes]
            : age.TotalDays < 2 ? l["Time.HoursAgo", (int)age.TotalHours]
            : l["Time.DaysAgo", (int)age.TotalDays];
    }

    /// <summary>
    /// An instant on the tenant's wall clock, as the ledger rows show their entries: "Wed 4 Mar, 14:05". Used by the
    /// agent's disputes and the dispute queue, whose times are stored in UTC.
    /// </summary>
    public static string LocalTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"1 day", "12 days" ("1 día", "12 días"), the count in the reader's culture.</summary>
    public static string Days(IStringLocalizer l, int days)
    {
        ArgumentNullException.ThrowIfNull(l);
        return days == 1 ? l["Time.Day"] : l["Time.Days", days.ToString("N0", CultureInfo.CurrentCulture)];
    }
}
