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
}
