using Gamification.Core.Badges;
using Gamification.Core.Challenges;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// One shared instance of each text of a tenant's catalog (a badge's or challenge's name, description, icon, prize) that
/// a page holds in the rows it shows: every query reads them afresh, and an open dashboard keeps its rows (and, after a
/// live change, the previous ones its last render tree still holds), so without this every tab kept its own copies of
/// every description (docs/performance.md, Memory per open dashboard). Sharing equal strings shows no tenant anything:
/// the instance is the value. Bounded (<see cref="SharedText.OfCatalog"/>: past the bound a text is kept as it came).
/// </summary>
public static class CatalogText
{

    /// <summary>The badge row with its catalog texts (and what it still needs, from a small set) shared.</summary>
    public static BadgeProgress Share(BadgeProgress badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        return badge with { Code = Of(badge.Code), Name = Of(badge.Name), Description = Of(badge.Description), Icon = Of(badge.Icon), Needed = Of(badge.Needed) };
    }

    /// <summary>The challenge row with its catalog texts shared (its badge reward's, team's and prize's names too).</summary>
    public static ChallengeProgressView Share(ChallengeProgressView challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return challenge with
        {
            Name = Of(challenge.Name),
            Description = Of(challenge.Description),
            BadgeRewardName = OfOptional(challenge.BadgeRewardName),
            TeamName = OfOptional(challenge.TeamName),
            Prize = OfOptional(challenge.Prize),
        };
    }

    private static string Of(string value) => SharedText.OfCatalog(value);

    private static string? OfOptional(string? value) => value is null ? null : Of(value);
}
