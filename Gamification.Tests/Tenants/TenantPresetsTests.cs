namespace Gamification.Tests.Tenants;

/// <summary>The one preset parser the settings and platform APIs share.</summary>
public sealed class TenantPresetsTests
{
    [Theory]
    [InlineData("aggressive", GamificationPreset.Aggressive)]
    [InlineData(" Moderate ", GamificationPreset.Moderate)]
    [InlineData("LIGHT", GamificationPreset.Light)]
    public void A_preset_name_in_any_case_is_read(string text, GamificationPreset expected)
    {
        Assert.True(TenantPresets.TryParse(text, out var preset));
        Assert.Equal(expected, preset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1")]
    [InlineData("Aggressive, Light")]
    [InlineData("wild")]
    public void Numbers_lists_and_other_words_are_not_presets(string? text)
    {
        Assert.False(TenantPresets.TryParse(text, out _));
    }

    [Fact]
    public void The_moderate_preset_sets_the_guides_numbers()
    {
        var config = TenantPresets.Create(Guid.NewGuid(), GamificationPreset.Moderate, DateTimeOffset.UnixEpoch);

        Assert.Equal((10, 50, 500, 5, 30), (config.PointsPerCall, config.PointsPerConversion, config.MaxDailyPoints, config.PointsDecayPercent, config.DecayPeriodDays));
        Assert.Equal((true, true, true), (config.DailyChallenges, config.WeeklyChallenges, config.MonthlyChallenges));
    }
}
