namespace Gamification.Core.Points;

/// <summary>
/// Which of its unit's users an evaluator has read its rows for. Asked for one user, it reads everyone the unit holds
/// and has not read yet, so a batch of events reads once; users taken in later (a team's members) are read then.
/// </summary>
internal sealed class UnitUserReads(IUnitLedger unit)
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <summary>The users to read now (none when every one asked for was read already); they count as read from here on.</summary>
    public List<string> Take(IReadOnlyCollection<string> userIds)
    {
        var missing = userIds.Where(read.Add).ToList();
        if (missing.Count == 0)
        {
            return missing;
        }
        // Everyone the unit holds, so a batch reads once.
        foreach (var id in unit.UserIds)
        {
            if (read.Add(id))
            {
                missing.Add(id);
            }
        }
        return missing;
    }
}
