namespace Gamification.Tests.Challenges;

/// <summary>
/// A unit reads only the columns of a challenge row it needs and writes back only what it changes (progress,
/// completion, version): the window's end and an admin's prize hand-out stay as stored.
/// </summary>
public sealed class ChallengeRowWriteTests
{
    [Fact]
    public async Task A_later_call_moves_progress_and_keeps_the_window_end_completion_time_and_prize_hand_out()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 1, reward: 10);
        var admin = f.AddAgent("admin-1");
        await f.CallAsync();
        UserChallenge before;
        await using (var db = f.CreateContext())
        {
            before = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.ChallengeId == challenge);
        }
        // Monday 2 March 2026 14:00 UTC: the week's window runs to Sunday the 8th; completed by the first call.
        Assert.Equal((1, true, PointsFixture.Start, new DateOnly(2026, 3, 8)), (before.Progress, before.Completed, before.CompletedAt!.Value, before.WindowEnd));
        await using (var db = f.CreateContext())
        {
            (await db.Challenges.IgnoreQueryFilters().SingleAsync(c => c.Id == challenge)).Prize = "Team lunch";
            await db.SaveChangesAsync();
        }
        f.Clock.Advance(TimeSpan.FromHours(1));
        await f.ChallengeService().HandOutPrizeAsync(before.Id, admin);
        var handedAt = PointsFixture.Start.AddHours(1);

        f.Clock.Advance(TimeSpan.FromHours(1));
        await f.CallAsync();

        await using (var db = f.CreateContext())
        {
            var after = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == before.Id);
            Assert.Equal((2, true, PointsFixture.Start, new DateOnly(2026, 3, 8)), (after.Progress, after.Completed, after.CompletedAt!.Value, after.WindowEnd));
            Assert.Equal((handedAt, admin), (after.PrizeHandedOutAt!.Value, after.PrizeHandedOutBy));
            // The hand-out and the second call each raised the version once.
            Assert.Equal(before.Version + 2, after.Version);
        }
    }

    [Fact]
    public async Task An_update_of_some_columns_writes_those_and_the_version_checked_against_the_one_read()
    {
        await using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        await using var update = new RowUpdater<UserChallenge>(db, [nameof(UserChallenge.Progress), nameof(UserChallenge.Completed)]);

        Assert.Equal("UPDATE [user_challenge] SET [completed] = @p0, [progress] = @p1, [version] = @p2 WHERE [id] = @p3 AND [version] = @original",
            update.CommandText);
        var key = Assert.Throws<ArgumentException>(() => new RowUpdater<UserChallenge>(db, [nameof(UserChallenge.UserId)]));
        Assert.Equal("only", key.ParamName);
    }
}
