using Gamification.Core.Jobs;
using Gamification.Core.Localization;
using Gamification.Tests.Analytics;

using static Gamification.Tests.Analytics.FarmingDetectorTests;
using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// Texts Core writes, read in the reader's language: notices and fair-play evidence rendered from their kind and figures
/// (the stored English stays for the record, and is what an English reader reads), the badge, reward-limit and job
/// descriptions, and domain messages.
/// </summary>
public sealed class SpanishCoreTextsTests
{
    private static UserNotification Notice(NotificationKind kind, string title, string text, string? dataJson) => new()
    {
        Id = 7,
        Kind = kind,
        Title = title,
        Text = text,
        DataJson = dataJson,
        LocalDate = new DateOnly(2026, 12, 12),
        CreatedAt = new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero),
    };

    private static UserNotification StreakReminder() => Notice(NotificationKind.StreakReminder, "Keep your 6-day streak",
        "Your 6-day streak ends at midnight: one call today keeps it going.", "{\"streak_days\":6}");

    private static UserNotification DecayWarning() => Notice(NotificationKind.DecayWarning, "Your points decay on Sat 12 Dec",
        "On Sat 12 Dec you lose 5 %, 1,500 points unless you earn points before.", "{\"day\":\"2026-12-12\",\"percent\":5,\"points\":1500}");

    [Fact]
    public Task A_streak_reminder_reads_in_Spanish_from_its_figures() => InCultureAsync("es", () =>
    {
        var view = NotificationView.From(StreakReminder());

        Assert.Equal("Mantén tu racha de 6 días", view.Title);
        Assert.Equal("Tu racha de 6 días termina a medianoche: una llamada hoy la mantiene.", view.Text);
        Assert.DoesNotContain("streak", view.Title + view.Text, StringComparison.Ordinal);
        Assert.Equal(6, view.Data!.Value.GetProperty("streak_days").GetInt32());
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_decay_warning_reads_in_Spanish_with_a_Spanish_date_and_number() => InCultureAsync("es", () =>
    {
        var view = NotificationView.From(DecayWarning());

        Assert.Equal("Tus puntos caducan el sáb 12 dic", view.Title);
        Assert.Equal("El sáb 12 dic pierdes el 5 %, 1.500 puntos, salvo que ganes puntos antes.", view.Text);
        Assert.DoesNotContain("decay", view.Title + view.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sat", view.Title + view.Text, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task One_point_is_singular_in_Spanish() => InCultureAsync("es", () =>
    {
        var view = NotificationView.From(Notice(NotificationKind.DecayWarning, "Your points decay on Sat 12 Dec",
            "On Sat 12 Dec you lose 5 %, 1 point unless you earn points before.", "{\"day\":\"2026-12-12\",\"percent\":5,\"points\":1}"));

        Assert.Equal("El sáb 12 dic pierdes el 5 %, 1 punto, salvo que ganes puntos antes.", view.Text);
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_English_reader_reads_the_stored_notices() => InCultureAsync("en", () =>
    {
        var streak = NotificationView.From(StreakReminder());
        var decay = NotificationView.From(DecayWarning());

        Assert.Equal(("Keep your 6-day streak", "Your 6-day streak ends at midnight: one call today keeps it going."), (streak.Title, streak.Text));
        Assert.Equal(("Your points decay on Sat 12 Dec", "On Sat 12 Dec you lose 5 %, 1,500 points unless you earn points before."), (decay.Title, decay.Text));
        return Task.CompletedTask;
    });

    [Fact]
    public void The_rules_store_the_English_the_renderer_writes_for_the_invariant_culture()
    {
        var (title, text) = NotificationText.DecayWarning(new DateOnly(2026, 12, 12), 5, 1500, CultureInfo.InvariantCulture);

        Assert.Equal(("Your points decay on Sat 12 Dec", "On Sat 12 Dec you lose 5 %, 1,500 points unless you earn points before."), (title, text));
        Assert.Equal(("Keep your 6-day streak", "Your 6-day streak ends at midnight: one call today keeps it going."),
            NotificationText.StreakReminder(6, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"streak\":6}")]
    [InlineData("not json")]
    public Task A_notice_without_readable_figures_keeps_its_stored_text(string? dataJson) => InCultureAsync("es", () =>
    {
        var view = NotificationView.From(Notice(NotificationKind.StreakReminder, "Keep your 6-day streak",
            "Your 6-day streak ends at midnight: one call today keeps it going.", dataJson));

        Assert.Equal(("Keep your 6-day streak", "Your 6-day streak ends at midnight: one call today keeps it going."), (view.Title, view.Text));
        return Task.CompletedTask;
    });

    /// <summary>The single flag the detector raises over these events, with its figures as the flag stores them (JSON).</summary>
    private static (FarmingCandidate Flag, JsonElement Data) Flag(List<Raw> raw, FarmingThresholds? thresholds = null)
    {
        var flag = Assert.Single(FarmingDetector.Detect(Score(raw), First, Last, thresholds));
        return (flag, JsonSerializer.SerializeToElement(flag.Data));
    }

    /// <summary>Asserts the English rendering is the stored evidence, and returns the Spanish one (checked free of the English).</summary>
    private static string Spanish(FarmingCandidate flag, JsonElement data)
    {
        Assert.Equal(flag.Evidence, FarmingEvidence.Render(flag.Kind, data, new CultureInfo("en")));
        var spanish = FarmingEvidence.Render(flag.Kind, data, new CultureInfo("es"));
        Assert.NotNull(spanish);
        Assert.NotEqual(flag.Evidence, spanish);
        return spanish;
    }

    [Fact]
    public void Short_calls_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        var raw = NormalMonth();
        for (var d = 0; d < 14; d++)
        {
            var at = At(First.AddDays(d), 9, 0);
            for (var k = 0; k < 20; k++)
            {
                var duration = k % 5 < 3 ? 12 : 240;
                at = at.AddSeconds(duration + 120);
                raw.Add(new Raw("farmer", ActivityType.CallCompleted, at, duration, null, null));
            }
        }
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("168 of 280 rewarded calls (60%) lasted under 55 s; across the team 17% did. "
            + "The team's median call lasts 3 min 40 s, this agent's 12 s.", flag.Evidence);
        Assert.Equal("168 de 280 llamadas que dieron puntos (60 %) duraron menos de 55 s; en todo el equipo, el 17 %. "
            + "La llamada mediana del equipo dura 3 min 40 s; la de este agente, 12 s.", spanish);
        Assert.DoesNotContain("rewarded calls", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public void Bursts_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        var raw = NormalMonth();
        var at = At(First.AddDays(3), 14, 0);
        for (var k = 0; k < 10; k++)
        {
            raw.Add(new Raw("n2", ActivityType.CallCompleted, at.AddSeconds(6 * k), 240, null, null));
        }
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("1 burst of 8 or more calls and conversions within 2 min on 1 day, the densest 10 events from 14:00 on Thu 5 Mar. "
            + "No one can complete calls that fast.", flag.Evidence);
        Assert.Equal("1 ráfaga de 8 o más llamadas y conversiones en 2 min, en 1 día; la más densa, 10 eventos desde las 14:00 del jue 5 mar. "
            + "Nadie puede completar llamadas tan rápido.", spanish);
        Assert.DoesNotContain("burst", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public void Fast_days_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        // n2 works two afternoons at one call every 10 s, 100 of them: bursts, and days whose median gap is 10 s.
        var raw = NormalMonth();
        foreach (var d in new[] { 3, 4 })
        {
            var at = At(First.AddDays(d), 16, 0);
            for (var k = 0; k < 100; k++)
            {
                raw.Add(new Raw("n2", ActivityType.CallCompleted, at.AddSeconds(10 * k), 240, null, null));
            }
        }
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("16 bursts of 8 or more calls and conversions within 2 min on 2 days, the densest 13 events from 16:00 on Thu 5 Mar; "
            + "on 2 days the median gap between events was under 15 s (fastest 10 s over 145 events on Thu 5 Mar). No one can complete calls that fast.",
            flag.Evidence);
        Assert.Equal("16 ráfagas de 8 o más llamadas y conversiones en 2 min, en 2 días; la más densa, 13 eventos desde las 16:00 del jue 5 mar; "
            + "en 2 días la mediana del tiempo entre eventos fue de menos de 15 s (la más rápida, 10 s en 145 eventos el jue 5 mar). "
            + "Nadie puede completar llamadas tan rápido.", spanish);
    }

    [Fact]
    public void Concentrated_feedback_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        var raw = NormalMonth();
        for (var d = 0; d < 10; d++)
        {
            raw.Add(new Raw("n3", ActivityType.CustomerFeedback, At(First.AddDays(d), 15, 0), null, 5, "friend-9"));
        }
        raw.Add(new Raw("n4", ActivityType.CustomerFeedback, At(First.AddDays(2), 15, 0), null, 5, "friend-9"));
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("10 of 38 reviews and feedback (26%) came from one source, \"friend-9\", which gave 91% of all its 11 reviews and feedback "
            + "in the team to this agent (average rating 5.0).", flag.Evidence);
        Assert.Equal("10 de 38 revisiones y valoraciones (26 %) vinieron de una sola fuente, «friend-9», que dio a este agente el 91 % "
            + "de todas sus 11 revisiones y valoraciones en el equipo (valoración media 5,0).", spanish);
    }

    [Fact]
    public void Early_cap_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        var raw = NormalMonth();
        CapEarly(raw, "n4", 1, 2, 5);
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("Reached the daily cap on 3 days within 15 min (median) of the day's first call; peers need 1 h 46 min (median over 62 capped days). "
            + "Tue 3 Mar at 09:23, Wed 4 Mar at 09:23, Sat 7 Mar at 09:23.", flag.Evidence);
        Assert.Equal("Alcanzó el límite diario en 3 días, a 15 min (mediana) de la primera llamada del día; sus compañeros necesitan 1 h 46 min "
            + "(mediana de 62 días con el límite alcanzado). Mar 3 mar a las 09:23, mié 4 mar a las 09:23, sáb 7 mar a las 09:23.", spanish);
    }

    [Fact]
    public void Early_cap_evidence_without_enough_peers_lists_five_days_and_the_rest_in_Spanish()
    {
        // Only n4 reaches the cap, on seven days: no peers to compare with.
        var raw = new List<Raw>();
        CapEarly(raw, "n4", 0, 1, 2, 3, 4, 5, 6);
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("Reached the daily cap on 7 days within 18 min (median) of the day's first call; too few peers reach the cap to compare, so the limit is 1 h 00 min. "
            + "Mon 2 Mar at 09:26, Tue 3 Mar at 09:26, Wed 4 Mar at 09:26, Thu 5 Mar at 09:26, Fri 6 Mar at 09:26 and 2 more.", flag.Evidence);
        Assert.Equal("Alcanzó el límite diario en 7 días, a 18 min (mediana) de la primera llamada del día; muy pocos compañeros alcanzan el límite para comparar, "
            + "así que el umbral es 1 h 00 min. Lun 2 mar a las 09:26, mar 3 mar a las 09:26, mié 4 mar a las 09:26, jue 5 mar a las 09:26, "
            + "vie 6 mar a las 09:26 y 2 más.", spanish);
    }

    [Fact]
    public void Sudden_jump_evidence_reads_in_Spanish_from_the_flags_figures()
    {
        var raw = NormalMonth();
        Steady(raw, "low", 8, new Dictionary<int, int> { [10] = 24, [11] = 25, [12] = 30 });
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("3 días de salto a 2,2x o más de la mediana propia del agente, más allá de lo que hizo el equipo ese día (3 o más generan una alerta). "
            + "El mayor: 300 puntos de actividad el sáb 14 mar, 3,8x la mediana propia del agente, de 80 en los 12 días activos anteriores; "
            + "había muy pocos agentes del equipo por debajo del límite ese día para comparar (menos de 5). La mediana del equipo por agente y día es de 300 puntos. "
            + "Días de salto (3): jue 12 mar: 240 (3,0x), vie 13 mar: 250 (3,1x), sáb 14 mar: 300 (3,8x).", spanish);
        Assert.DoesNotContain("jump day", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public void One_extreme_jump_day_with_the_teams_day_reads_in_Spanish()
    {
        var raw = NormalMonth();
        Steady(raw, "low", 5, new Dictionary<int, int> { [12] = 28 });
        foreach (var user in new[] { "q2", "q3", "q4", "q5", "q6" })
        {
            Steady(raw, user, 8);
        }
        var (flag, data) = Flag(raw);

        var spanish = Spanish(flag, data);

        Assert.Equal("A jump day at 5.6x the agent's own median beyond what the team did that day (one day at 5.0x or more flags on its own). "
            + "The biggest: 280 activity points on Sat 14 Mar, 5.6x the agent's own median of 50 over the previous 12 active days; "
            + "the team's agents under the cap were at 1.0x their own that day. The team's median agent-day is 228 points. "
            + "Jump days (1): Sat 14 Mar: 280 (5.6x, team 1.0x).", flag.Evidence);
        Assert.Equal("Un día de salto a 5,6x la mediana propia del agente, más allá de lo que hizo el equipo ese día (un día a 5,0x o más genera una alerta por sí solo). "
            + "El mayor: 280 puntos de actividad el sáb 14 mar, 5,6x la mediana propia del agente, de 50 en los 12 días activos anteriores; "
            + "los agentes del equipo por debajo del límite estaban a 1,0x de su propia mediana ese día. La mediana del equipo por agente y día es de 228 puntos. "
            + "Días de salto (1): sáb 14 mar: 280 (5,6x, equipo 1,0x).", spanish);
    }

    [Fact]
    public Task A_flag_stored_without_the_figures_its_sentence_needs_keeps_its_stored_evidence() => InCultureAsync("es", () =>
    {
        const string stored = "31 of 40 rewarded calls (78%) lasted under 1 min.";

        Assert.Equal(stored, FarmingEvidence.Localize(FarmingKind.ShortCalls, """{"rewarded_calls":40,"short_calls":31,"short_share":0.775}""", stored));
        Assert.Equal(stored, FarmingEvidence.Localize(FarmingKind.ShortCalls, null, stored));
        Assert.Equal(stored, FarmingEvidence.Localize(FarmingKind.ShortCalls, "not json", stored));
        return Task.CompletedTask;
    });

    [Fact]
    public async Task A_reader_of_Spanish_reads_a_flags_evidence_in_Spanish_and_a_reader_of_English_the_stored_text()
    {
        var raw = NormalMonth();
        for (var d = 0; d < 10; d++)
        {
            raw.Add(new Raw("n3", ActivityType.CustomerFeedback, At(First.AddDays(d), 15, 0), null, 5, "friend-9"));
        }
        raw.Add(new Raw("n4", ActivityType.CustomerFeedback, At(First.AddDays(2), 15, 0), null, 5, "friend-9"));
        var (flag, data) = Flag(raw);
        var json = data.GetRawText();
        const string stored = "Stored evidence, as the record has it.";

        await InCultureAsync("es", () =>
        {
            Assert.StartsWith("10 de 38 revisiones y valoraciones (26 %) vinieron de una sola fuente", FarmingEvidence.Localize(flag.Kind, json, stored),
                StringComparison.Ordinal);
            return Task.CompletedTask;
        });
        await InCultureAsync("en", () =>
        {
            Assert.Equal(stored, FarmingEvidence.Localize(flag.Kind, json, stored));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public Task Badge_requirements_reward_limits_and_jobs_are_described_in_Spanish() => InCultureAsync("es", () =>
    {
        Assert.Equal("Completa 1.500 llamadas", BadgeRules.Describe(BadgeRequirement.TotalCalls, 1500));
        Assert.Equal("Completa 1 reto", BadgeRules.Describe(BadgeRequirement.ChallengesCompleted, 1));
        Assert.Equal("Mantén una racha de 5 días", BadgeRules.Describe(BadgeRequirement.StreakDays, 5));
        Assert.Equal("Completa una llamada antes de las 09:00, hora local", BadgeRules.Describe(BadgeRequirement.CallsBeforeHour, 9));
        Assert.Equal("Termina una semana entre los 3 primeros de la clasificación semanal", BadgeRules.Describe(BadgeRequirement.WeeklyRank, 3));
        Assert.Equal("Otorgada por un administrador", BadgeRules.Describe(BadgeRequirement.Manual, 0));
        Assert.Equal(("por semana", "por mes", "en total"),
            (RewardRules.Describe(RewardLimitPeriod.Week), RewardRules.Describe(RewardLimitPeriod.Month), RewardRules.Describe(RewardLimitPeriod.Ever)));
        Assert.Equal("Caducidad de los puntos de los agentes inactivos", DailyJobNames.Describe(DailyJobNames.Decay));
        Assert.Equal("Instantánea de la clasificación semanal (cada 6 horas)", LeaderboardJobNames.Describe(LeaderboardJobNames.Weekly));
        // The record's English sentences keep their English words whoever reads.
        Assert.Equal("per week", RewardRules.Describe(RewardLimitPeriod.Week, CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_same_descriptions_are_English_by_default() => InCultureAsync("en", () =>
    {
        Assert.Equal("Complete 1,500 calls", BadgeRules.Describe(BadgeRequirement.TotalCalls, 1500));
        Assert.Equal("Complete 1 challenge", BadgeRules.Describe(BadgeRequirement.ChallengesCompleted, 1));
        Assert.Equal("Keep a 5-day streak", BadgeRules.Describe(BadgeRequirement.StreakDays, 5));
        Assert.Equal("Complete a call before 09:00 local time", BadgeRules.Describe(BadgeRequirement.CallsBeforeHour, 9));
        Assert.Equal("Finish a week in the top 3 of the weekly leaderboard", BadgeRules.Describe(BadgeRequirement.WeeklyRank, 3));
        Assert.Equal("Finish a week at rank 1 of the weekly leaderboard", BadgeRules.Describe(BadgeRequirement.WeeklyRank, 1));
        Assert.Equal("Awarded by an admin", BadgeRules.Describe(BadgeRequirement.Manual, 0));
        Assert.Equal(("per week", "per month", "in total"),
            (RewardRules.Describe(RewardLimitPeriod.Week), RewardRules.Describe(RewardLimitPeriod.Month), RewardRules.Describe(RewardLimitPeriod.Ever)));
        Assert.Equal("Points decay for inactive agents", DailyJobNames.Describe(DailyJobNames.Decay));
        Assert.Equal("Weekly leaderboard snapshot (every 6 hours)", LeaderboardJobNames.Describe(LeaderboardJobNames.Weekly));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Domain_messages_are_translated_for_a_Spanish_reader() => InCultureAsync("es", () =>
    {
        Assert.Equal("No se encontró el premio.", CoreText.Translate(DomainException.NotFound("The reward").Message));
        Assert.Equal("Dale un nombre al premio.", CoreText.Translate("Give the reward a name."));
        Assert.Equal("Esta reclamación se decidió mientras tanto.", CoreText.Translate("This dispute was decided meanwhile."));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Domain_messages_stay_English_for_an_English_reader() => InCultureAsync("en", () =>
    {
        Assert.Equal("The reward was not found.", CoreText.Translate(DomainException.NotFound("The reward").Message));
        Assert.Equal("Give the reward a name.", CoreText.Translate("Give the reward a name."));
        return Task.CompletedTask;
    });
}
