namespace Gamification.Tests.Tenants;

/// <summary>
/// A new tenant's starter content in its language: every level, badge, challenge and reward has its Spanish text
/// (a missing one would silently stay English), the figures in them are the same, and English stays as written.
/// </summary>
public class StarterCatalogLanguageTests
{
    private static readonly Guid TenantId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Names that are the same word in Spanish.</summary>
    private static readonly HashSet<string> SameInSpanish = ["Mentor"];

    [Fact]
    public void Every_starter_badge_has_its_Spanish_name_and_description_and_keeps_its_code_and_rule()
    {
        var english = StarterCatalog.Badges(TenantId, Now, "en");
        var spanish = StarterCatalog.Badges(TenantId, Now, "es");

        Assert.Equal(english.Count, spanish.Count);
        foreach (var (en, es) in english.Zip(spanish))
        {
            Assert.Equal((en.Code, en.RequirementType, en.RequirementValue, en.PointsReward, en.Icon), (es.Code, es.RequirementType, es.RequirementValue, es.PointsReward, es.Icon));
            Assert.True(es.Name != en.Name || SameInSpanish.Contains(en.Name), $"{en.Code}: no Spanish name");
            Assert.NotEqual(en.Description, es.Description);
        }
        Assert.Equal("Bienvenida", spanish.Single(b => b.Code == "first_call").Name);
        Assert.Equal("Nivel 4 alcanzado", spanish.Single(b => b.Code == "level_4").Name);
        // Figures are written the Spanish way inside the texts: 3.000 points, level 4 is Plata.
        Assert.Equal("Alcanza el nivel 4 (Plata) ganando 3.000 puntos en total.", spanish.Single(b => b.Code == "level_4").Description);
        Assert.Equal("Reach level 4 (Silver) by earning 3,000 lifetime points.", english.Single(b => b.Code == "level_4").Description);
    }

    [Fact]
    public void Every_starter_challenge_and_reward_has_its_Spanish_texts()
    {
        foreach (var preset in Enum.GetValues<GamificationPreset>())
        {
            var english = StarterCatalog.Challenges(TenantId, preset, Now, "en");
            var spanish = StarterCatalog.Challenges(TenantId, preset, Now, "es");
            Assert.Equal(english.Select(c => (c.ObjectiveType, c.ObjectiveTarget, c.PointsReward)), spanish.Select(c => (c.ObjectiveType, c.ObjectiveTarget, c.PointsReward)));
            Assert.All(english.Zip(spanish), pair =>
            {
                Assert.NotEqual(pair.First.Name, pair.Second.Name);
                Assert.NotEqual(pair.First.Description, pair.Second.Description);
            });
        }
        var quarter = StarterCatalog.Challenges(TenantId, GamificationPreset.Moderate, Now, "es").Single(c => c.ObjectiveType == ObjectiveType.PointsEarned);
        Assert.Equal(("Campeón del trimestre", "Gana 10.000 puntos este trimestre."), (quarter.Name, quarter.Description));

        var rewardsEn = StarterCatalog.Rewards(TenantId, Now, "en");
        var rewardsEs = StarterCatalog.Rewards(TenantId, Now, "es");
        Assert.All(rewardsEn.Zip(rewardsEs), pair =>
        {
            Assert.NotEqual(pair.First.Name, pair.Second.Name);
            Assert.NotEqual(pair.First.Description, pair.Second.Description);
            Assert.Equal(pair.First.PointsCost, pair.Second.PointsCost);
            // What the agent is told keeps its code: the same {code} placeholder, and the same prefix.
            Assert.Contains("{code}", pair.Second.RedemptionDetails, StringComparison.Ordinal);
            Assert.Equal(Prefix(pair.First.RedemptionDetails!), Prefix(pair.Second.RedemptionDetails!));
        });
    }

    [Fact]
    public void Levels_are_named_by_tier_in_the_language_and_keep_their_icons()
    {
        var spanish = StarterCatalog.Levels(TenantId, "es");
        var english = StarterCatalog.Levels(TenantId);

        Assert.Equal(["Bronce", "Bronce", "Bronce", "Plata", "Plata", "Plata", "Oro", "Oro", "Oro", "Leyenda"], spanish.Select(l => l.Tier));
        Assert.Equal(english.Select(l => l.Icon), spanish.Select(l => l.Icon));
        Assert.Equal(["Bronze", "Silver", "Gold", "Legend"], english.Select(l => l.Tier).Distinct());
        Assert.Equal("Límite diario de puntos +150 sobre el nivel 1; nivel Plata y el icono de nivel de plata.", spanish[3].UnlockPrivileges);
        // A tier an admin names in either language has its icon.
        Assert.Equal(("crown", "crown", "gold", "medal"), (StarterCatalog.IconOfTier("Leyenda"), StarterCatalog.IconOfTier("Legend"),
            StarterCatalog.IconOfTier(" oro "), StarterCatalog.IconOfTier("Diamante")));
    }

    /// <summary>"SWAP-" of "Give code SWAP-{code} to…": the code's own prefix, whatever the words around it.</summary>
    private static string Prefix(string details) =>
        System.Text.RegularExpressions.Regex.Match(details, @"[A-Z0-9]+-\{code\}").Value;
}
