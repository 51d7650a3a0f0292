namespace Gamification.Core;

/// <summary>What kind of failure a domain rule reports; the web layer maps each to a problem-details status.</summary>
public enum DomainErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>
/// A rule said no. The message is written for the person who sent the request and leaks nothing of other tenants.
/// Rules write it in English; <see cref="Message"/> and <see cref="Errors"/> read it in the current UI culture (the
/// reader's: <see cref="CoreText.Translate"/>), so the API's problem details and every page that shows a caught failure
/// speak the reader's language. <see cref="EnglishMessage"/> and <see cref="EnglishErrors"/> keep the English for logs.
/// </summary>
public class DomainException : Exception
{
    private readonly bool appendErrors;

    public DomainException(DomainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : this(kind, message, errors, appendErrors: false)
    {
    }

    private DomainException(DomainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors, bool appendErrors)
        : base(message)
    {
        Kind = kind;
        EnglishErrors = errors;
        this.appendErrors = appendErrors;
    }

    public DomainErrorKind Kind { get; }

    /// <summary>The message as the rule wrote it (English), whatever the reader's language.</summary>
    public string EnglishMessage => appendErrors ? Joined(base.Message, EnglishErrors) : base.Message;

    /// <summary>The errors per field as the rule wrote them (English).</summary>
    public IReadOnlyDictionary<string, string[]>? EnglishErrors { get; }

    /// <summary>The message in the current UI culture (English for an English reader, exactly as written).</summary>
    public override string Message => appendErrors ? Joined(CoreText.Translate(base.Message), Errors) : CoreText.Translate(base.Message);

    /// <summary>The errors per field in the current UI culture (the same dictionary for an English reader).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors =>
        EnglishErrors is null || !CoreText.Translates ? EnglishErrors
            : EnglishErrors.ToDictionary(e => e.Key, e => e.Value.Select(CoreText.Translate).ToArray(), StringComparer.Ordinal);

    public static DomainException NotFound(string what) => new(DomainErrorKind.NotFound, $"{what} was not found.");

    public static DomainException Invalid(string field, string message) =>
        new(DomainErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A validation failure (400) with <paramref name="errors"/> per field. The <paramref name="message"/> is the
    /// problem's detail; without one the problem has no detail, only the errors.
    /// </summary>
    public static DomainException Invalid(IReadOnlyDictionary<string, string[]> errors, string? message = null) =>
        new(DomainErrorKind.Validation, message ?? "", errors);

    /// <summary>
    /// A validation failure whose message is <paramref name="lead"/> ("The badge has errors:") followed by the first
    /// message of each field, each read in the reader's language.
    /// </summary>
    public static DomainException InvalidWithSummary(IReadOnlyDictionary<string, string[]> errors, string lead) =>
        new(DomainErrorKind.Validation, lead, errors, appendErrors: true);

    /// <summary>Throws <see cref="Invalid(IReadOnlyDictionary{string, string[]}, string?)"/> when there are any errors.</summary>
    public static void ThrowIfInvalid(IReadOnlyDictionary<string, string[]> errors, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw Invalid(errors, message);
        }
    }

    private static string Joined(string lead, IReadOnlyDictionary<string, string[]>? errors) =>
        errors is null ? lead : lead + " " + string.Join(" ", errors.Values.Select(v => v[0]));
}
