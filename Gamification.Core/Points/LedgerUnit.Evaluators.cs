namespace Gamification.Core.Points;

/// <summary>The unit's feature evaluators (badges, challenges): created when the unit opens, called in order through <see cref="IUnitEvaluator"/>.</summary>
internal sealed partial class LedgerUnit : IUnitLedger
{
    private IReadOnlyList<IUnitEvaluator> evaluators = [];

    /// <summary>The evaluator of type <typeparamref name="T"/> this unit runs (a feature driving the unit reaches its own one).</summary>
    /// <exception cref="InvalidOperationException">The unit runs none.</exception>
    public T Evaluator<T>()
        where T : class, IUnitEvaluator =>
        evaluators.OfType<T>().FirstOrDefault() ?? throw new InvalidOperationException($"This unit runs no {typeof(T).Name}.");

    /// <summary>The local days of the events this unit will record, before the first is scored (see <see cref="IUnitEvaluator.ExpectEventDays"/>).</summary>
    public void ExpectEventDays(IEnumerable<DateOnly> days)
    {
        var distinct = days.Distinct().ToList();
        foreach (var evaluator in evaluators)
        {
            evaluator.ExpectEventDays(distinct);
        }
    }

    /// <summary>An activity event was scored for <paramref name="user"/>: each evaluator reacts, in order.</summary>
    public async Task OnActivityAsync(UserState user, ActivityInput input, DateTimeOffset occurredAt, DateOnly day, long awarded, CancellationToken ct)
    {
        foreach (var evaluator in evaluators)
        {
            await evaluator.OnActivityAsync(user, input, occurredAt, day, awarded, ct);
        }
    }

    /// <summary>Points were awarded to <paramref name="user"/> outside activity: each evaluator reacts, in order.</summary>
    public async Task OnAwardAsync(UserState user, CancellationToken ct)
    {
        foreach (var evaluator in evaluators)
        {
            await evaluator.OnAwardAsync(user, ct);
        }
    }

    public void PostReward(UserState user, TransactionType type, int points, string reason, TransactionSource source, string sourceId, string? createdByUserId = null) =>
        Post(user, new PointTransaction
        {
            Type = type,
            BasePoints = points,
            UncappedPoints = points,
            Points = points,
            Reason = reason,
            SourceType = source,
            SourceId = sourceId,
            CreatedByUserId = createdByUserId,
            LocalDate = Today,
        });

    /// <summary>The unit committed: each evaluator may remember what it read and wrote (<see cref="IUnitEvaluator.OnCommitted"/>).</summary>
    public void Committed()
    {
        foreach (var evaluator in evaluators)
        {
            evaluator.OnCommitted();
        }
    }

    private bool EvaluatorsHaveChanges => evaluators.Any(e => e.HasChanges);

    private async Task FlushEvaluatorsAsync(CancellationToken ct)
    {
        foreach (var evaluator in evaluators)
        {
            await evaluator.FlushAsync(db, ct);
        }
    }
}
