namespace Gamification.Core.Points;

/// <summary>
/// The feature evaluators each unit of the engine runs (see <see cref="IUnitEvaluator"/>), in the order the unit calls
/// them. Points names none of them: whoever creates a <see cref="PointsEngine"/> passes the set (the app, the seeder
/// and the tests pass <c>AchievementEvaluators.All</c>, from Challenges/), so the features depend on the engine and
/// never the other way round.
/// </summary>
public sealed class UnitEvaluators
{
    internal UnitEvaluators(Func<IUnitLedger, IReadOnlyList<IUnitEvaluator>> create) => Create = create;

    /// <summary>A new set for one unit.</summary>
    internal Func<IUnitLedger, IReadOnlyList<IUnitEvaluator>> Create { get; }
}
