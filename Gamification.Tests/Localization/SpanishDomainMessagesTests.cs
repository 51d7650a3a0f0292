using System.Xml.Linq;

using Gamification.Core.Localization;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// Domain messages built with figures read in the reader's language through the template keys of Messages.es.resx:
/// figures in the reader's culture, a status word translated, names kept; English readers read them exactly as written;
/// a domain failure's Message and Errors are the reader's.
/// </summary>
public sealed partial class SpanishDomainMessagesTests
{
    private static readonly string[] EnglishMessages =
    [
        "Points must be between 1 and 1,000,000.", "This redemption is approved, not pending.",
        "Team lunch has 3 left; the stock cannot go below 0.", "The reward was not found.",
    ];

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    [Fact]
    public Task Interpolated_messages_read_in_Spanish_with_Spanish_figures() => InCultureAsync("es", () =>
    {
        Assert.Equal("Los puntos deben estar entre 1 y 1.000.000.", CoreText.Translate("Points must be between 1 and 1,000,000."));
        Assert.Equal("La descripción tiene más de 1.000 caracteres.", CoreText.Translate("The description is longer than 1,000 characters."));
        Assert.Equal("La nota tiene más de 2000 caracteres.", CoreText.Translate("The note is longer than 2000 characters."));
        Assert.Equal("Las veces para que un solo día genere una alerta (1,5) no pueden ser menos que las veces la mediana del propio agente que hacen un día de salto (2,25).",
            CoreText.Translate("Times for a single day to flag (1.5) cannot be below the times the agent's own median that make a jump day (2.25)."));
        Assert.Equal("Te faltan 1.250 puntos para 2 x Team lunch (3.000 puntos; tienes 1.750).",
            CoreText.Translate("You need 1,250 more points for 2 x Team lunch (3,000 points; you have 1,750)."));
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_status_word_and_a_limit_period_are_translated_and_names_kept() => InCultureAsync("es", () =>
    {
        Assert.Equal("Este canje está aprobado, no pendiente.", CoreText.Translate("This redemption is approved, not pending."));
        Assert.Equal("Solo se puede confirmar un canje aprobado; este está caducado.",
            CoreText.Translate("Only an approved redemption can be confirmed; this one is expired."));
        Assert.Equal("Has alcanzado el límite de Mug: 2 por mes.", CoreText.Translate("You have reached the limit for Mug: 2 per month."));
        Assert.Equal("A Team lunch le quedan 3; el stock no puede bajar de 0.", CoreText.Translate("Team lunch has 3 left; the stock cannot go below 0."));
        Assert.Equal("Cinema 2,000 ya no está disponible.", CoreText.Translate("Cinema 2,000 is no longer available."));
        Assert.Equal("Tipo de evento desconocido: 'call_dropped'; usa uno de estos: call_completed, lead_converted.",
            CoreText.Translate("Unknown event type 'call_dropped'; use one of call_completed, lead_converted."));
        Assert.Equal("Esta reclamación ya está rechazada; no se puede decidir de nuevo.",
            CoreText.Translate("This dispute is already rejected; it cannot be decided again."));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Audit_summaries_stored_in_English_read_in_Spanish_with_names_and_reasons_as_written() => InCultureAsync("es", () =>
    {
        Assert.Equal("Otorgó 1.500 puntos a Mateo Garcia (entrada n.º 5793): great save",
            CoreText.Translate("Awarded 1,500 points to Mateo Garcia (entry #5793): great save"));
        Assert.Equal("Rechazó el canje de Team lunch de Ana Ruiz (se devolvieron 1.200 puntos): out of stock",
            CoreText.Translate("Rejected Ana Ruiz's redemption of Team lunch (1,200 points refunded): out of stock"));
        Assert.Equal("Cambió la insignia Century Club", CoreText.Translate("Changed the badge Century Club"));
        Assert.Equal("Cambió a Ana Ruiz", CoreText.Translate("Changed Ana Ruiz"));
        Assert.Equal("Renombró el equipo Alpha a Bravo", CoreText.Translate("Renamed the team Alpha to Bravo"));
        Assert.Equal("Aceptó la reclamación n.º 12 de Ana Ruiz", CoreText.Translate("Accepted Ana Ruiz's dispute #12"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task Audit_summaries_read_in_English_exactly_as_stored() => InCultureAsync("en", () =>
    {
        Assert.Equal("Changed the badge Century Club", CoreText.Translate("Changed the badge Century Club"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_unknown_message_and_a_Spanish_one_stay_as_they_are() => InCultureAsync("es", () =>
    {
        const string unknown = "Something new happened to 1,000 things.";
        Assert.Equal(unknown, CoreText.Translate(unknown));
        const string spanish = "Los puntos deben estar entre 1 y 1.000.000.";
        Assert.Equal(spanish, CoreText.Translate(spanish));
        Assert.Equal("No se encontró el premio.", CoreText.Translate("The reward was not found."));
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_English_reader_reads_the_messages_exactly_as_written() => InCultureAsync("en", () =>
    {
        foreach (var english in EnglishMessages)
        {
            Assert.Same(english, CoreText.Translate(english));
        }
        var failure = Assert.Throws<DomainException>(() => RewardRules.ValidateQuantity(21));
        Assert.Equal("The quantity is between 1 and 20.", failure.Message);
        Assert.Equal("The quantity is between 1 and 20.", failure.Errors!["quantity"][0]);
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_domain_failure_reads_its_message_and_errors_in_Spanish_and_keeps_the_English() => InCultureAsync("es", () =>
    {
        var failure = Assert.Throws<DomainException>(() => RewardRules.ValidateQuantity(21));

        Assert.Equal("La cantidad está entre 1 y 20.", failure.Message);
        Assert.Equal("La cantidad está entre 1 y 20.", Assert.Single(failure.Errors!["quantity"]));
        Assert.Equal("The quantity is between 1 and 20.", failure.EnglishMessage);
        Assert.Equal("The quantity is between 1 and 20.", Assert.Single(failure.EnglishErrors!["quantity"]));
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_editors_summary_reads_its_lead_and_each_error_in_Spanish() => InCultureAsync("es", () =>
    {
        var errors = new Dictionary<string, string[]>
        {
            ["name"] = ["Give the badge a name."],
            ["description"] = ["The description is longer than 500 characters."],
        };

        var failure = Assert.Throws<DomainException>(() => FieldChecks.ThrowIfAny(errors, "badge"));

        Assert.Equal("La insignia tiene errores: Dale un nombre a la insignia. La descripción tiene más de 500 caracteres.", failure.Message);
        Assert.Equal("The badge has errors: Give the badge a name. The description is longer than 500 characters.", failure.EnglishMessage);
        Assert.Equal("Dale un nombre a la insignia.", Assert.Single(failure.Errors!["name"]));
        return Task.CompletedTask;
    });

    [Fact]
    public void Every_template_key_has_the_same_placeholders_as_its_Spanish_and_compiles()
    {
        var path = Path.Combine(RepositoryRoot(), "Gamification.Core", "Resources", "Messages.es.resx");
        var entries = XDocument.Load(path).Root!.Elements("data")
            .Select(d => (Key: (string)d.Attribute("name")!, Value: (string)d.Element("value")!)).ToList();
        var templates = entries.Where(e => Placeholder().IsMatch(e.Key)).ToList();

        Assert.True(templates.Count >= 120, $"{templates.Count} template keys");
        Assert.Equal(entries.Count, entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count());
        foreach (var (key, value) in templates)
        {
            var inKey = Placeholder().Matches(key).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
            var inValue = Placeholder().Matches(value).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
            Assert.True(inKey.SequenceEqual(inValue), $"{key} -> {value}");
            var numbers = Placeholder().Matches(key).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
            var sample = Placeholder().Replace(key, m => "x" + m.Groups[1].Value);
            Assert.True(MessageTemplates.Compile(key).IsMatch(sample), key);
        }
    }

    [Fact]
    public Task The_templates_are_loaded_most_specific_first_from_the_Spanish_file() => InCultureAsync("es", () =>
    {
        CoreText.Translate("Points must be between 1 and 1,000,000.");
        var templates = MessageTemplates.For(CultureInfo.CurrentUICulture,
            new System.Resources.ResourceManager("Gamification.Core.Resources.Messages", typeof(CoreText).Assembly));

        Assert.Contains(templates, t => t.Key == "Unknown {0} '{1}'; use one of {2}.");
        var general = templates.ToList().FindIndex(t => t.Key == "Unknown {0} '{1}'; use one of {2}.");
        var specific = templates.ToList().FindIndex(t => t.Key == "Unknown event type '{0}'; use one of {1}.");
        Assert.True(specific < general, $"{specific} < {general}");
        Assert.Equal("Valor de kind desconocido: 'cake'; usa uno de estos: level_up, badge_earned.",
            CoreText.Translate("Unknown kind 'cake'; use one of level_up, badge_earned."));
        return Task.CompletedTask;
    });

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gamification.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Gamification.sln was not found above the test's folder.");
    }
}
