namespace Gamification.Core.Challenges;

/// <summary>
/// What every unit of the points engine evaluates besides points: challenges, then badges. Challenges come first
/// because a completed challenge pays its reward and its badge, and those can earn more badges; the challenge evaluator
/// pays a challenge's badge through the unit's badge evaluator. Pass <see cref="All"/> to each <see cref="PointsEngine"/>.
/// </summary>
public static class AchievementEvaluators
{
    public static UnitEvaluators All { get; } = new(unit =>
    {
        var badges = new BadgeEvaluator(unit);
        return [new ChallengeEvaluator(unit, badges), badges];
    });
}
