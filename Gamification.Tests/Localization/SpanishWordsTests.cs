using Gamification.Tests.Components;
using Gamification.Web;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Components.Pages.Rewards;
using Gamification.Web.Components.Shared;

using Microsoft.Extensions.Localization;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// The words shared helpers build follow the reader's language: the ledger's formulas and entry types, "… ago" and day
/// counts, enum values shown as words, a badge's requirement and a challenge's objective. Spanish readers get Spanish
/// words and Spanish figures ("1.500", "1,5"); English stays exactly as it was, figures invariant.
/// </summary>
public sealed class SpanishWordsTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static TransactionView Entry(TransactionType type, int basePoints, decimal multiplier, decimal streak, int bonus, long uncapped, long points) =>
        new(1, Now, Now.UtcDateTime, DateOnly.FromDateTime(Now.UtcDateTime), type, points, basePoints, multiplier, streak, bonus,
            uncapped, "reason", TransactionSource.ActivityEvent, null);

    [Fact]
    public Task Activity_formula_with_multiplier_streak_and_bonus_reads_in_Spanish_with_Spanish_figures() => InCultureAsync("es", () =>
    {
        // 1,000 × 2 × 1.5 + 10 = 3,010.
        var text = BreakdownText.For(L, Entry(TransactionType.Activity, 1000, 2m, 1.5m, 10, 3010, 3010));

        Assert.Equal("1.000 × 2 × 1,5 + 10 = 3.010", text);
        Assert.NotEqual("1,000 × 2 × 1.5 + 10 = 3,010", text);
        Assert.Equal("1.234 puntos base", BreakdownText.For(L, Entry(TransactionType.Activity, 1234, 1m, 1m, 0, 1234, 1234)));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Capped_activity_reads_in_Spanish() => InCultureAsync("es", () =>
    {
        var reached = BreakdownText.For(L, Entry(TransactionType.Activity, 10, 2m, 1m, 10, 30, 0));
        var partly = BreakdownText.For(L, Entry(TransactionType.Activity, 10, 2m, 1m, 10, 30, 12));

        Assert.Equal("limitado: 0 de 30 (límite diario alcanzado)", reached);
        Assert.Equal("10 × 2 + 10 = 30, limitado: 12 de 30 (límite diario)", partly);
        Assert.DoesNotContain("capped", reached + partly, StringComparison.Ordinal);
        Assert.DoesNotContain("daily cap", reached + partly, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Level_up_and_decay_entries_read_in_Spanish() => InCultureAsync("es", () =>
    {
        var levelUp = BreakdownText.For(L, Entry(TransactionType.LevelUp, 100, 1.25m, 1m, 25, 150, 150));
        var decay = BreakdownText.For(L, Entry(TransactionType.Decay, 0, 1m, 1m, 0, -1500, -1500));

        Assert.Equal("100 × 1,25 + 25 = 150 de bonificación por subir de nivel (sin límite)", levelUp);
        Assert.Equal("-1.500 por caducidad por inactividad (los puntos totales no cambian)", decay);
        Assert.DoesNotContain("level-up bonus", levelUp, StringComparison.Ordinal);
        Assert.DoesNotContain("inactivity decay", decay, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Every_entry_type_has_a_Spanish_label() => InCultureAsync("es", () =>
    {
        var expected = new Dictionary<TransactionType, (string Spanish, string English)>
        {
            [TransactionType.Activity] = ("Actividad", "Activity"),
            [TransactionType.BadgeReward] = ("Insignia", "Badge"),
            [TransactionType.ChallengeReward] = ("Reto", "Challenge"),
            [TransactionType.LevelUp] = ("Subida de nivel", "Level up"),
            [TransactionType.AdminAward] = ("Otorgado por un administrador", "Admin award"),
            [TransactionType.AdminRevoke] = ("Retirado", "Revoked"),
            [TransactionType.Decay] = ("Caducidad", "Decay"),
            [TransactionType.Redemption] = ("Canjeado", "Redeemed"),
            [TransactionType.RedemptionRefund] = ("Devolución", "Refund"),
        };

        Assert.Equal(Enum.GetValues<TransactionType>().Length, expected.Count);
        foreach (var (type, (spanish, english)) in expected)
        {
            var label = BreakdownText.TypeLabel(L, type);
            Assert.Equal(spanish, label);
            Assert.NotEqual(english, label);
        }
        return Task.CompletedTask;
    });

    [Fact]
    public Task Ages_and_day_counts_read_in_Spanish() => InCultureAsync("es", () =>
    {
        var ages = new[]
        {
            UiText.Ago(L, Now.AddSeconds(-20), Now),
            UiText.Ago(L, Now.AddMinutes(-12), Now),
            UiText.Ago(L, Now.AddHours(-3).AddMinutes(-40), Now),
            UiText.Ago(L, Now.AddDays(-4), Now),
        };

        Assert.Equal(["ahora mismo", "hace 12 min", "hace 3 h", "hace 4 d"], ages);
        Assert.DoesNotContain(ages, a => a.Contains("ago", StringComparison.Ordinal) || a == "just now");
        Assert.Equal("1 día", UiText.Days(L, 1));
        Assert.Equal("12 días", UiText.Days(L, 12));
        Assert.Equal("1.500 días", UiText.Days(L, 1500));
        Assert.DoesNotContain("day", UiText.Days(L, 1) + UiText.Days(L, 12), StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Enum_values_shown_as_words_read_in_Spanish() => InCultureAsync("es", () =>
    {
        Assert.Equal(["Común", "Poco común", "Rara", "Épica", "Legendaria"], Enum.GetValues<BadgeRarity>().Select(r => EnumText.Rarity(L, r)));
        Assert.Equal(["Fácil", "Media", "Difícil"], Enum.GetValues<ChallengeDifficulty>().Select(d => EnumText.Difficulty(L, d)));
        Assert.Equal(["Diario", "Semanal", "Mensual", "De temporada", "Especial"], Enum.GetValues<ChallengeType>().Select(t => EnumText.ChallengeType(L, t)));
        Assert.Equal(["Siempre", "Mes", "Semana"], Enum.GetValues<RewardLimitPeriod>().Select(p => EnumText.LimitPeriod(L, p)));
        Assert.Equal(["Hito", "Habilidad", "Conducta", "Rendimiento", "Social"], Enum.GetValues<BadgeCategory>().Select(c => EnumText.BadgeCategory(L, c)));
        Assert.Equal("agente, supervisor, administrador, operador", EnumText.Roles(L, ["agent", "supervisor", "admin", "operator"]));
        Assert.Equal(["Intenso", "Moderado", "Ligero"], Enum.GetValues<GamificationPreset>().Select(p => EnumText.Preset(L, p)));
        Assert.Equal("Descuento", RewardText.Category(L, RewardCategory.Discount));
        Assert.Equal("Pendiente", RewardText.StatusLabel(L, RedemptionStatus.Pending));

        Assert.NotEqual("Rare", EnumText.Rarity(L, BadgeRarity.Rare));
        Assert.NotEqual("Easy", EnumText.Difficulty(L, ChallengeDifficulty.Easy));
        Assert.NotEqual("Weekly", EnumText.ChallengeType(L, ChallengeType.Weekly));
        Assert.NotEqual("Month", EnumText.LimitPeriod(L, RewardLimitPeriod.Month));
        Assert.NotEqual("Milestone", EnumText.BadgeCategory(L, BadgeCategory.Milestone));
        Assert.NotEqual("agent, admin", EnumText.Roles(L, ["agent", "admin"]));
        Assert.NotEqual("Moderate", EnumText.Preset(L, GamificationPreset.Moderate));
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_role_with_no_text_reads_as_stored() => InCultureAsync("es", () =>
    {
        Assert.Equal("auditor", EnumText.Role(L, "auditor"));
        Assert.Equal("agente", EnumText.Role(L, "agent"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_badge_requirement_reads_in_Spanish() => InCultureAsync("es", () =>
    {
        var calls = GoalText.Requirement(BadgeRequirement.TotalCalls, 1500);
        var early = GoalText.Requirement(BadgeRequirement.CallsBeforeHour, 8);
        var rank = GoalText.Requirement(BadgeRequirement.WeeklyRank, 3);
        var info = BadgeDialog.RequirementsIn(L)[BadgeRequirement.CallsBeforeHour];

        Assert.Equal("Completa 1.500 llamadas", calls);
        Assert.Equal("Completa una llamada antes de las 08:00, hora local", early);
        Assert.Equal("Termina una semana entre los 3 primeros de la clasificación semanal", rank);
        Assert.Equal("Otorgada por un administrador", GoalText.Requirement(BadgeRequirement.Manual, 1));
        Assert.Equal(("Madrugador: una llamada antes de una hora", "Hora local"), (info.Title, info.ValueLabel));
        Assert.DoesNotContain("Complete", calls + early, StringComparison.Ordinal);
        Assert.DoesNotContain("weekly leaderboard", rank, StringComparison.Ordinal);
        Assert.DoesNotContain("before it", info.Explanation, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_challenge_objective_reads_in_Spanish() => InCultureAsync("es", () =>
    {
        var rating = GoalText.Objective(L, ObjectiveType.AvgRating, 4, 10);
        var calls = GoalText.Objective(L, ObjectiveType.TotalCalls, 1500, 0);
        var top = GoalText.Objective(L, ObjectiveType.LeaderboardRank, 3, 0);

        Assert.Equal("valoración media ≥ 4 en 10 llamadas valoradas", rating);
        Assert.Equal("1.500 llamadas", calls);
        Assert.Equal("entre los 3 primeros de la clasificación", top);
        Assert.Equal("Llamadas completadas", GoalText.ObjectiveTitle(L, ObjectiveType.TotalCalls));
        Assert.DoesNotContain("avg rating", rating, StringComparison.Ordinal);
        Assert.DoesNotContain("calls", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("leaderboard", top, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task English_stays_as_before_with_invariant_thousands() => InCultureAsync("en", () =>
    {
        Assert.Equal("1,234 base points", BreakdownText.For(L, Entry(TransactionType.Activity, 1234, 1m, 1m, 0, 1234, 1234)));
        Assert.Equal("1,000 × 2 × 1.5 + 10 = 3,010", BreakdownText.For(L, Entry(TransactionType.Activity, 1000, 2m, 1.5m, 10, 3010, 3010)));
        Assert.Equal("-1,500 inactivity decay (lifetime points unchanged)", BreakdownText.For(L, Entry(TransactionType.Decay, 0, 1m, 1m, 0, -1500, -1500)));
        Assert.Equal("Admin award", BreakdownText.TypeLabel(L, TransactionType.AdminAward));
        Assert.Equal("12 min ago", UiText.Ago(L, Now.AddMinutes(-12), Now));
        Assert.Equal("12 days", UiText.Days(L, 12));
        Assert.Equal("Complete 1,500 calls", GoalText.Requirement(BadgeRequirement.TotalCalls, 1500));
        Assert.Equal("Complete a call before 08:00 local time", GoalText.Requirement(BadgeRequirement.CallsBeforeHour, 8));
        Assert.Equal("avg rating ≥ 4 over 10 rated calls", GoalText.Objective(L, ObjectiveType.AvgRating, 4, 10));
        Assert.Equal(("Rare", "Easy", "agent, admin", "Moderate"),
            (EnumText.Rarity(L, BadgeRarity.Rare), EnumText.Difficulty(L, ChallengeDifficulty.Easy), EnumText.Roles(L, ["agent", "admin"]), EnumText.Preset(L, GamificationPreset.Moderate)));
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_reader_of_a_language_the_app_does_not_speak_gets_the_English_with_invariant_figures() => InCultureAsync("de-DE", () =>
    {
        Assert.Equal("1,234 base points", BreakdownText.For(L, Entry(TransactionType.Activity, 1234, 1m, 1m, 0, 1234, 1234)));
        Assert.Equal("100 × 1.25 + 25 = 150 level-up bonus (not capped)", BreakdownText.For(L, Entry(TransactionType.LevelUp, 100, 1.25m, 1m, 25, 150, 150)));
        Assert.Equal("Complete 1,500 calls", GoalText.Requirement(BadgeRequirement.TotalCalls, 1500));
        return Task.CompletedTask;
    });
}
