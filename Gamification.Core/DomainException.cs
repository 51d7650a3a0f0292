namespace Gamification.Core;

/// <summary>What kind of failure a domain rule reports; the web layer maps each to a problem-details status.</summary>
public enum DomainErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A rule said no. The message is written for the person who sent the request and leaks nothing of other tenants.</summary>
public class DomainException(DomainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException NotFound(string what) => new(DomainErrorKind.NotFound, $"{what} was not found.");

    public static DomainException Invalid(string field, string message) =>
        new(DomainErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A validation failure (400) with <paramref name="errors"/> per field. The <paramref name="message"/> is the
    /// problem's detail; without one the problem has no detail, only the errors.
    /// </summary>
    public static DomainException Invalid(IReadOnlyDictionary<string, string[]> errors, string? message = null) =>
        new(DomainErrorKind.Validation, message ?? "", errors);

    /// <summary>Throws <see cref="Invalid(IReadOnlyDictionary{string, string[]}, string?)"/> when there are any errors.</summary>
    public static void ThrowIfInvalid(IReadOnlyDictionary<string, string[]> errors, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw Invalid(errors, message);
        }
    }
}
