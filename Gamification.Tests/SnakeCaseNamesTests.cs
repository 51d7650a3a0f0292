namespace Gamification.Tests;

/// <summary>The one map between enums and their API names.</summary>
public sealed class SnakeCaseNamesTests
{
    [Fact]
    public void Names_are_snake_case_in_the_enums_order()
    {
        Assert.Equal("daily, weekly, monthly, all_time", SnakeCaseNames.Known<LeaderboardPeriod>());
        Assert.Equal("call_completed", SnakeCaseNames.NameOf(ActivityType.CallCompleted));
    }

    [Fact]
    public void A_name_is_read_trimmed_in_any_case_unless_exact_case_is_asked()
    {
        Assert.True(SnakeCaseNames.TryParse<LeaderboardPeriod>(" All_Time ", out var period));
        Assert.Equal(LeaderboardPeriod.AllTime, period);

        Assert.False(SnakeCaseNames.TryParse<ActivityType>("Call_Completed", out _, ignoreCase: false));
        Assert.True(SnakeCaseNames.TryParse<ActivityType>("call_completed", out var type, ignoreCase: false));
        Assert.Equal(ActivityType.CallCompleted, type);
    }

    [Fact]
    public void An_unknown_query_value_is_an_error_naming_its_field_and_an_absent_one_is_null()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(SnakeCaseNames.ParseQuery<LeaderboardPeriod>(" ", "period", errors));
        Assert.Empty(errors);
        Assert.Null(SnakeCaseNames.ParseQuery<LeaderboardPeriod>("yearly", "period", errors));
        Assert.Equal(["Unknown period 'yearly'; use one of daily, weekly, monthly, all_time."], errors["period"]);
    }
}
