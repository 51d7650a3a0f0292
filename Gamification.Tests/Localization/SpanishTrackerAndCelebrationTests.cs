using System.Text.Json.Nodes;

using Bunit;

using Gamification.Tests.Components;
using Gamification.Web;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Components.Pages.Audit;
using Gamification.Web.Components.Shared;
using Gamification.Web.Notifications;

using Microsoft.Extensions.Localization;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// The last texts a Spanish reader still read in English: the challenge tracker's progress line, the celebration of a
/// badge, a challenge or a streak milestone (built in English in the request that caused it, rendered again on the
/// reader's page), the audit trail's kinds and field names, and the objective and requirement selects of the editors.
/// English stays as it was.
/// </summary>
public sealed class SpanishTrackerAndCelebrationTests : PageTestContext
{
    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static ChallengeProgressView Challenge(ObjectiveType objective, decimal progress, int target, int minRated = 0, int rated = 0) =>
        new(5, "Push", "Push.", ChallengeType.Weekly, objective, ChallengeDifficulty.Medium, progress, target, minRated, rated, 50, false, null,
            DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(Now.AddDays(3).UtcDateTime), Now.AddDays(3), TimeSpan.FromDays(3),
            100, null, null, false, null, null, null);

    [Fact]
    public Task Agent_reading_Spanish_sees_every_kind_of_challenge_progress_in_Spanish_with_Spanish_figures() => InCultureAsync("es", () =>
    {
        var team = Challenge(ObjectiveType.TotalCalls, 180, 250) with { IsTeamChallenge = true, TeamId = 4, TeamName = "Team Alpha", MyContribution = 42 };
        var avg = Challenge(ObjectiveType.AvgRating, 4.3m, 4, minRated: 10, rated: 12);
        var satisfaction = Challenge(ObjectiveType.SatisfactionRate, 89.95m, 90, minRated: 20, rated: 2489) with { SatisfiedCalls = 2239 };
        var rank = Challenge(ObjectiveType.LeaderboardRank, 6, 3) with { Rank = 6, RankedPeople = 42 };
        var cases = new (ChallengeProgressView Challenge, string Spanish)[]
        {
            (Challenge(ObjectiveType.TotalCalls, 32, 50), "32 / 50 llamadas"),
            (Challenge(ObjectiveType.Conversions, 3, 5), "3 / 5 conversiones"),
            (Challenge(ObjectiveType.PerfectCalls, 1, 10), "1 / 10 llamadas perfectas"),
            (Challenge(ObjectiveType.QualityReviews, 2, 4), "2 / 4 revisiones de calidad"),
            (Challenge(ObjectiveType.PointsEarned, 1500, 2000), "1.500 / 2.000 puntos"),
            (Challenge(ObjectiveType.PointsEarned, 1234.5m, 2000), "1.234,5 / 2.000 puntos"),
            (team, "Team Alpha: 180 / 250 · tu parte 42"),
            (team with { TeamName = null }, "Tu equipo: 180 / 250 · tu parte 42"),
            (team with { MyContribution = null }, "Team Alpha: 180 / 250"),
            (team with { TeamId = null, TeamName = null, MyContribution = null }, "Únete a un equipo para participar en los retos de equipo"),
            (avg, "4,3 ★ de media en 12 llamadas valoradas (necesita 10)"),
            (avg with { RatedCalls = 1 }, "4,3 ★ de media en 1 llamada valorada (necesita 10)"),
            (avg with { RatedCalls = 0, Progress = 0 }, "Aún no hay llamadas valoradas (necesita 10)"),
            (avg with { IsTeamChallenge = true, TeamId = 4, TeamName = "Team Alpha", MyContribution = 4.5m },
                "Team Alpha: 4,3 ★ de media en 12 llamadas valoradas (necesita 10) · tu media 4,5 ★"),
            (satisfaction, "89,9 % satisfechos · 2.239 de 2.489 llamadas valoradas con 4–5★ (objetivo 90 %, al menos 20 llamadas)"),
            (satisfaction with { RatedCalls = 0, SatisfiedCalls = 0, Progress = 0 }, "Aún no hay llamadas valoradas (objetivo 90 %, al menos 20 llamadas)"),
            (rank, "Puesto 6 de 42 · ganan los 3 primeros"),
            (rank with { Rank = null, Target = 1 }, "Aún no estás en la clasificación · gana el puesto 1"),
            (rank with { Progress = 2, Completed = true }, "Terminaste en el puesto 2"),
        };

        foreach (var (challenge, spanish) in cases)
        {
            Assert.Equal(spanish, ChallengeTracker.ProgressText(L, challenge));
        }

        // The tracker writes it: the line on the card is the same.
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges, [satisfaction]));
        var line = tracker.Find("[data-testid=challenge-progress-5]").TextContent.Trim();
        Assert.Equal("89,9 % satisfechos · 2.239 de 2.489 llamadas valoradas con 4–5★ (objetivo 90 %, al menos 20 llamadas)", line);
        Assert.DoesNotContain("satisfied", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("rated calls", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("target", tracker.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_progress_lines_new_to_the_texts_stay_English_with_invariant_figures() => InCultureAsync("en", () =>
    {
        var team = Challenge(ObjectiveType.TotalCalls, 180, 250) with { IsTeamChallenge = true, TeamId = 4, TeamName = "Team Alpha", MyContribution = 42 };
        var avg = Challenge(ObjectiveType.AvgRating, 4.3m, 4, minRated: 10, rated: 12);

        Assert.Equal("1,500 / 2,000 points", ChallengeTracker.ProgressText(L, Challenge(ObjectiveType.PointsEarned, 1500, 2000)));
        Assert.Equal("1,234.5 / 2,000 points", ChallengeTracker.ProgressText(L, Challenge(ObjectiveType.PointsEarned, 1234.5m, 2000)));
        Assert.Equal("3 / 5 conversions", ChallengeTracker.ProgressText(L, Challenge(ObjectiveType.Conversions, 3, 5)));
        Assert.Equal("1 / 10 perfect calls", ChallengeTracker.ProgressText(L, Challenge(ObjectiveType.PerfectCalls, 1, 10)));
        Assert.Equal("2 / 4 quality reviews", ChallengeTracker.ProgressText(L, Challenge(ObjectiveType.QualityReviews, 2, 4)));
        Assert.Equal("Your team: 180 / 250 · your part 42", ChallengeTracker.ProgressText(L, team with { TeamName = null }));
        Assert.Equal("Team Alpha: 180 / 250", ChallengeTracker.ProgressText(L, team with { MyContribution = null }));
        Assert.Equal("Join a team to take part in team challenges",
            ChallengeTracker.ProgressText(L, team with { TeamId = null, TeamName = null, MyContribution = null }));
        Assert.Equal("4.3 ★ avg over 1 rated call (needs 10)", ChallengeTracker.ProgressText(L, avg with { RatedCalls = 1 }));
        Assert.Equal("Team Alpha: 4.3 ★ avg over 12 rated calls (needs 10) · your avg 4.5 ★",
            ChallengeTracker.ProgressText(L, avg with { IsTeamChallenge = true, TeamId = 4, TeamName = "Team Alpha", MyContribution = 4.5m }));
        return Task.CompletedTask;
    });

    /// <summary>A change pushed to the agent's page with these achievements, as the engine tells it.</summary>
    private PointsNotification Change(params AchievementNotice[] achievements) =>
        new(TenantId, AgentId, 300, 300, 30, 500, 7, 1, null, 30, "Completed call: +10", achievements, TransactionType.Activity, 10, "Completed call");

    private IRenderedComponent<PointsIndicator> RenderIndicator()
    {
        SignIn(Roles.Agent);
        RenderProviders();
        var indicator = Render<PointsIndicator>();
        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#points-indicator")));
        return indicator;
    }

    private static (string Title, string Detail) Card(AngleSharp.Dom.IElement card) =>
        (card.QuerySelector("[data-testid=achievement-title]")!.TextContent.Trim(), card.QuerySelector("[data-testid=achievement-detail]")!.TextContent.Trim());

    [Fact]
    public Task A_streak_a_ranked_challenge_and_a_badge_sent_from_an_English_request_are_celebrated_in_Spanish() => InCultureAsync("es", async () =>
    {
        var indicator = RenderIndicator();

        // Built in English as Core builds them, and pushed from a request of an English reader (the engine runs in theirs).
        await InCultureAsync("en", () =>
        {
            Services.GetRequiredService<CircuitNotifier>().Publish(Change(
                new AchievementNotice(AchievementKind.StreakMilestone, "7-day streak!", "Active 7 days in a row. Keep it going!", 0, "fire")
                {
                    Figures = new AchievementFigures(StreakDays: 7),
                },
                new AchievementNotice(AchievementKind.ChallengeCompleted, "Q1 Top Performer", "You finished \"Q1 Top Performer\" at rank 2.", 1500)
                {
                    Figures = new AchievementFigures(Rank: 2),
                },
                new AchievementNotice(AchievementKind.BadgeEarned, "Century Club", "Complete 100 calls", 250, "trophy", BadgeRarity.Epic)
                {
                    Figures = new AchievementFigures(Requirement: BadgeRequirement.TotalCalls, RequirementValue: 100),
                }));
            return Task.CompletedTask;
        });

        indicator.WaitForAssertion(() => Assert.Equal(3, indicator.FindAll(".achievement-card").Count));
        var cards = indicator.FindAll(".achievement-card");
        Assert.Equal(("¡Racha de 7 días!", "7 días seguidos con actividad. ¡Sigue así!"), Card(cards[0]));
        Assert.Equal("Hito de racha", cards[0].QuerySelector("[data-testid=achievement-kicker]")!.TextContent.Trim());
        // The challenge's and the badge's names are shown as the admin wrote them.
        Assert.Equal(("Q1 Top Performer", "Terminaste «Q1 Top Performer» en el puesto 2."), Card(cards[1]));
        Assert.Equal("+1.500 puntos", cards[1].QuerySelector("[data-testid=achievement-points]")!.TextContent.Trim());
        Assert.Equal(("Century Club", "Completa 100 llamadas"), Card(cards[2]));
        var markup = indicator.Markup;
        Assert.DoesNotContain("streak!", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep it going", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("You finished", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Complete 100 calls", markup, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_team_challenge_reads_in_Spanish_and_what_an_admin_wrote_or_what_has_no_figures_is_shown_as_built() => InCultureAsync("es", async () =>
    {
        var indicator = RenderIndicator();

        await InCultureAsync("en", () =>
        {
            Services.GetRequiredService<CircuitNotifier>().Publish(Change(
                new AchievementNotice(AchievementKind.ChallengeCompleted, "Team Rally", "Your team completed \"Team Rally\".", 50)
                {
                    Figures = new AchievementFigures(Team: true),
                },
                // The badge's own description, written by an admin: shown as written.
                new AchievementNotice(AchievementKind.BadgeEarned, "Week Warrior", "Earn points on 7 days in a row.", 20, "fire", BadgeRarity.Rare)
                {
                    Figures = new AchievementFigures(Requirement: BadgeRequirement.StreakDays, RequirementValue: 7, OwnDescription: true),
                },
                // Without figures (an older sender): shown as it came.
                new AchievementNotice(AchievementKind.ChallengeCompleted, "Daily Ten", "You completed \"Daily Ten\".", 10)));
            return Task.CompletedTask;
        });

        indicator.WaitForAssertion(() => Assert.Equal(3, indicator.FindAll(".achievement-card").Count));
        var cards = indicator.FindAll(".achievement-card");
        Assert.Equal(("Team Rally", "Tu equipo completó «Team Rally»."), Card(cards[0]));
        Assert.Equal(("Week Warrior", "Earn points on 7 days in a row."), Card(cards[1]));
        Assert.Equal(("Daily Ten", "You completed \"Daily Ten\"."), Card(cards[2]));
        Assert.Equal("Reto completado", cards[2].QuerySelector("[data-testid=achievement-kicker]")!.TextContent.Trim());
    });

    [Fact]
    public Task An_English_reader_reads_a_celebration_as_it_was_built_even_when_it_was_sent_from_a_Spanish_request() => InCultureAsync("en", async () =>
    {
        var indicator = RenderIndicator();

        await InCultureAsync("es", () =>
        {
            Services.GetRequiredService<CircuitNotifier>().Publish(Change(
                new AchievementNotice(AchievementKind.StreakMilestone, "7-day streak!", "Active 7 days in a row. Keep it going!", 0, "fire")
                {
                    Figures = new AchievementFigures(StreakDays: 7),
                }));
            return Task.CompletedTask;
        });

        indicator.WaitForAssertion(() => Assert.Single(indicator.FindAll(".achievement-card")));
        Assert.Equal(("7-day streak!", "Active 7 days in a row. Keep it going!"), Card(indicator.Find(".achievement-card")));
    });

    [Fact]
    public void The_celebration_texts_Core_builds_in_English_are_the_ones_it_always_wrote_and_render_in_Spanish()
    {
        var english = CultureInfo.InvariantCulture;
        Assert.Equal(("3-day streak!", "Active 3 days in a row. Keep it going!"), AchievementText.StreakMilestone(3, english));
        Assert.Equal("You finished \"Q1\" at rank 12.", AchievementText.ChallengeCompleted("Q1", 12, team: false, english));
        Assert.Equal("Your team completed \"Rally\".", AchievementText.ChallengeCompleted("Rally", null, team: true, english));
        Assert.Equal("You completed \"Blitz\".", AchievementText.ChallengeCompleted("Blitz", null, team: false, english));

        var spanish = new CultureInfo("es");
        var streak = new AchievementNotice(AchievementKind.StreakMilestone, "100-day streak!", "Active 100 days in a row. Keep it going!", 0, "fire")
        {
            Figures = new AchievementFigures(StreakDays: 100),
        };
        Assert.Equal(("¡Racha de 100 días!", "100 días seguidos con actividad. ¡Sigue así!"), (streak.In(spanish).Title, streak.In(spanish).Detail));
        // English, a language the app does not speak, and a notice without figures keep the text as built.
        Assert.Same(streak, streak.In(new CultureInfo("en")));
        Assert.Same(streak, streak.In(new CultureInfo("de-DE")));
        var bare = streak with { Figures = null };
        Assert.Same(bare, bare.In(spanish));
        // A level-up has its own celebration: nothing to render.
        var level = new AchievementNotice(AchievementKind.LevelUp, "Level 2 (Bronze)", "Level up", 150) { Figures = new AchievementFigures() };
        Assert.Same(level, level.In(spanish));
    }

    [Fact]
    public void An_achievements_figures_survive_the_live_relays_json()
    {
        var change = Change(
            new AchievementNotice(AchievementKind.BadgeEarned, "Century Club", "Complete 100 calls", 250, "trophy", BadgeRarity.Epic)
            {
                Figures = new AchievementFigures(Requirement: BadgeRequirement.TotalCalls, RequirementValue: 100),
            },
            new AchievementNotice(AchievementKind.ChallengeCompleted, "Q1", "You finished \"Q1\" at rank 2.", 10) { Figures = new AchievementFigures(Rank: 2, Team: false) },
            new AchievementNotice(AchievementKind.StreakMilestone, "7-day streak!", "Active 7 days in a row. Keep it going!", 0, "fire") { Figures = new AchievementFigures(StreakDays: 7) },
            new AchievementNotice(AchievementKind.ChallengeCompleted, "Rally", "Your team completed \"Rally\".", 10) { Figures = new AchievementFigures(Team: true) },
            new AchievementNotice(AchievementKind.BadgeEarned, "Week Warrior", "Earn points on 7 days in a row.", 20, "fire", BadgeRarity.Rare)
            {
                Figures = new AchievementFigures(Requirement: BadgeRequirement.StreakDays, RequirementValue: 7, OwnDescription: true),
            },
            new AchievementNotice(AchievementKind.ChallengeCompleted, "Daily Ten", "You completed \"Daily Ten\".", 10));

        var json = JsonSerializer.Serialize(change, RedisNotificationRelay.Json);
        var copy = JsonSerializer.Deserialize<PointsNotification>(json, RedisNotificationRelay.Json)!;

        Assert.Equal(change.Achievements, copy.Achievements);
        var badge = JsonNode.Parse(json)!["achievements"]![0]!["figures"]!;
        Assert.Equal("total_calls", badge["requirement"]!.GetValue<string>());
        Assert.Equal(100, badge["requirement_value"]!.GetValue<int>());
        Assert.Null(JsonNode.Parse(json)!["achievements"]![5]!["figures"]);
    }

    [Fact]
    public Task Every_audit_kind_has_a_Spanish_label_and_its_English_one_reads_as_before() => InCultureAsync("es", async () =>
    {
        var expected = new Dictionary<AuditKind, (string Spanish, string English)>
        {
            [AuditKind.SettingsChanged] = ("Configuración cambiada", "Settings changed"),
            [AuditKind.PresetApplied] = ("Perfil aplicado", "Preset applied"),
            [AuditKind.ThresholdsChanged] = ("Umbrales cambiados", "Thresholds changed"),
            [AuditKind.LevelsChanged] = ("Niveles cambiados", "Levels changed"),
            [AuditKind.PointsAwarded] = ("Puntos otorgados", "Points awarded"),
            [AuditKind.PointsRevoked] = ("Puntos retirados", "Points revoked"),
            [AuditKind.BadgeAwarded] = ("Insignia otorgada", "Badge awarded"),
            [AuditKind.PersonCreated] = ("Persona creada", "Person created"),
            [AuditKind.PersonChanged] = ("Persona cambiada", "Person changed"),
            [AuditKind.PasswordReset] = ("Contraseña restablecida", "Password reset"),
            [AuditKind.TeamCreated] = ("Equipo creado", "Team created"),
            [AuditKind.TeamRenamed] = ("Equipo renombrado", "Team renamed"),
            [AuditKind.TeamDeleted] = ("Equipo eliminado", "Team deleted"),
            [AuditKind.RedemptionApproved] = ("Canje aprobado", "Redemption approved"),
            [AuditKind.RedemptionRejected] = ("Canje rechazado", "Redemption rejected"),
            [AuditKind.StockChanged] = ("Stock cambiado", "Stock changed"),
            [AuditKind.BadgeCreated] = ("Insignia creada", "Badge created"),
            [AuditKind.BadgeChanged] = ("Insignia cambiada", "Badge changed"),
            [AuditKind.ChallengeCreated] = ("Reto creado", "Challenge created"),
            [AuditKind.ChallengeChanged] = ("Reto cambiado", "Challenge changed"),
            [AuditKind.PrizeHandedOut] = ("Premio especial entregado", "Prize handed out"),
            [AuditKind.RewardCreated] = ("Premio creado", "Reward created"),
            [AuditKind.RewardChanged] = ("Premio cambiado", "Reward changed"),
            [AuditKind.ApiKeyCreated] = ("Clave de integración creada", "Integration key created"),
            [AuditKind.ApiKeyRevoked] = ("Clave de integración revocada", "Integration key revoked"),
            [AuditKind.FlagDecided] = ("Alerta resuelta", "Flag decided"),
            [AuditKind.DisputeDecided] = ("Reclamación resuelta", "Dispute decided"),
        };

        Assert.Equal(Enum.GetValues<AuditKind>().Length, expected.Count);
        foreach (var (kind, (spanish, _)) in expected)
        {
            Assert.Equal(spanish, AuditTrailPage.KindLabel(L, kind));
        }
        await InCultureAsync("en", () =>
        {
            foreach (var (kind, (_, english)) in expected)
            {
                Assert.Equal(english, AuditTrailPage.KindLabel(L, kind));
            }
            return Task.CompletedTask;
        });
    });

    [Fact]
    public Task Admin_reading_Spanish_sees_the_audit_trails_kinds_and_field_names_in_Spanish() => InCultureAsync("es", () =>
    {
        using (var db = NewContext())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                TenantId = TenantId,
                At = Now.AddHours(-1),
                ActorId = AdminId,
                Kind = AuditKind.BadgeChanged,
                SubjectType = "badge",
                SubjectId = "7",
                Summary = "Changed the badge Century Club",
                Before = """{"points_reward":25,"description":"Old","level_3":1}""",
                After = """{"points_reward":50,"description":"","level_3":2}""",
            });
            db.SaveChanges();
        }
        RenderProviders();

        var page = Render<AuditTrailPage>();

        // The summary is stored in English for the record and read in Spanish (a template of Messages.es.resx); the kind and
        // the field names are the page's.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains("Cambió la insignia Century Club", StringComparison.Ordinal)));
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("Cambió la insignia Century Club", StringComparison.Ordinal));
        Assert.DoesNotContain("Changed the badge", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Insignia cambiada", row.QuerySelector(".audit-kind")!.TextContent.Trim());
        var changes = row.QuerySelector(".audit-changes")!.TextContent;
        Assert.Contains("puntos de recompensa:", changes, StringComparison.Ordinal);
        Assert.Contains("descripción:", changes, StringComparison.Ordinal);
        Assert.Contains("nivel 3:", changes, StringComparison.Ordinal);
        Assert.Contains("(vacío)", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("points reward", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("description", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("level 3", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("(empty)", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Badge changed", page.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_audit_field_reads_as_before_in_English_and_one_with_no_text_as_its_name_in_words() => InCultureAsync("en", () =>
    {
        Assert.Equal("points reward", AuditTrailPage.FieldLabel(L, "points_reward"));
        Assert.Equal("level 3", AuditTrailPage.FieldLabel(L, "level_3"));
        Assert.Equal("max daily points", AuditTrailPage.FieldLabel(L, "max_daily_points"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Audit_fields_of_the_settings_and_the_fair_play_thresholds_read_in_Spanish() => InCultureAsync("es", () =>
    {
        Assert.Equal("máximo de puntos diarios", AuditTrailPage.FieldLabel(L, "max_daily_points"));
        Assert.Equal("zona horaria", AuditTrailPage.FieldLabel(L, "time_zone"));
        // A threshold reads as the thresholds dialog names it.
        Assert.Equal("Días activos necesarios", AuditTrailPage.FieldLabel(L, "jump_min_prior_days"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Every_setting_and_threshold_the_audit_records_has_a_Spanish_field_name() => InCultureAsync("es", () =>
    {
        var settings = typeof(Gamification.Core.Tenants.TenantSettings).GetProperties()
            .Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .Where(name => name is not "updated_at");
        var thresholds = Gamification.Core.Analytics.FarmingThresholds.Fields.Select(f => f.Name);

        var stillEnglish = settings.Concat(thresholds).Where(field => AuditTrailPage.FieldLabel(L, field) == field.Replace('_', ' ')).ToList();
        Assert.Empty(stillEnglish);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Admin_reading_Spanish_sees_the_chosen_objective_and_requirement_in_Spanish_in_the_editors_selects() => InCultureAsync("es", async () =>
    {
        var (challenge, _) = await OpenDialogAsync<ChallengeDialog>();
        Choose(challenge, "#challenge-objective", "Valoración media");
        challenge.WaitForAssertion(() => Assert.NotEmpty(challenge.FindAll("#challenge-min-rated-calls")));
        var objective = challenge.Find("#challenge-objective");
        Assert.Equal("Valoración media", objective.QuerySelector("input")!.GetAttribute("value"));
        Assert.DoesNotContain("AvgRating", objective.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Average rating", objective.OuterHtml, StringComparison.Ordinal);

        await ShowAsync<BadgeDialog>(challenge, []);
        // A new badge asks for completed calls until another requirement is chosen.
        var requirement = challenge.Find("#badge-requirement-type");
        Assert.Equal("Llamadas completadas", requirement.GetAttribute("value"));
        Assert.DoesNotContain("TotalCalls", requirement.OuterHtml, StringComparison.Ordinal);
    });
}
