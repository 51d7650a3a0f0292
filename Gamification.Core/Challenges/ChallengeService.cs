using Gamification.Core.Data;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Core.Challenges;

/// <summary>
/// The tenant's challenges: admins create, edit and end them and read their completion rates; agents read their
/// progress in the current windows. Progress itself is counted by the points engine as events arrive.
/// </summary>
public sealed partial class ChallengeService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    private readonly object placeholder = (dbFactory, clock); // TEMP until implemented

    public Task<IReadOnlyList<ChallengeAdminView>> ListForAdminAsync(bool includeEnded = true, CancellationToken ct = default) => throw new NotImplementedException();

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public Task<ChallengeAdminView> GetAsync(long id, CancellationToken ct = default) => throw new NotImplementedException();

    /// <exception cref="DomainException">Validation (400) with a message per field.</exception>
    public Task<ChallengeAdminView> CreateAsync(ChallengeInput input, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<ChallengeAdminView> UpdateAsync(long id, ChallengeInput input, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Ends a challenge now: no further progress; completions and rewards already paid stay.</summary>
    public Task<ChallengeAdminView> EndAsync(long id, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>The active challenges' current windows with the user's (and their team's) progress.</summary>
    public Task<IReadOnlyList<ChallengeProgressView>> ActiveForUserAsync(string userId, CancellationToken ct = default) => throw new NotImplementedException();

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public Task<ChallengeProgressView> ProgressAsync(string userId, long challengeId, CancellationToken ct = default) => throw new NotImplementedException();
}
