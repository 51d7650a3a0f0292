namespace Gamification.Core;

/// <summary>
/// Checks the admin editors share. Each takes the editor's <c>error(field, message)</c>, so an editor reports every
/// wrong field at once, and returns the value to store (the default after an error; nothing is saved then).
/// </summary>
public static class FieldChecks
{
    /// <summary>The trimmed name of a <paramref name="thing"/> (such as "badge"): required, at most <paramref name="maxLength"/> characters, clean.</summary>
    public static string Name(string? input, string thing, int maxLength, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var name = input?.Trim() ?? "";
        if (name.Length == 0)
        {
            error("name", $"Give the {thing} a name.");
        }
        else if (name.Length > maxLength)
        {
            error("name", $"The name is longer than {maxLength} characters.");
        }
        else if (!TextRules.IsCleanName(name))
        {
            error("name", TextRules.NameMessage);
        }
        return name;
    }

    /// <summary>The trimmed, optional description: at most <paramref name="maxLength"/> characters, clean free text.</summary>
    public static string Description(string? input, int maxLength, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var description = input?.Trim() ?? "";
        if (description.Length > maxLength)
        {
            error("description", $"The description is longer than {maxLength} characters.");
        }
        else if (!TextRules.IsCleanText(description))
        {
            error("description", TextRules.TextMessage);
        }
        return description;
    }

    /// <summary>The value when it is given and one of <typeparamref name="T"/>'s named values; otherwise reports <paramref name="message"/>.</summary>
    public static T Defined<T>(T? value, string field, string message, Action<string, string> error)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(error);
        if (value is { } given && Enum.IsDefined(given))
        {
            return given;
        }
        error(field, message);
        return default;
    }

    /// <summary>
    /// When an editor found errors, fails with all of them by field and, as the detail, "The <paramref name="thing"/>
    /// has errors: " and the first message of each.
    /// </summary>
    public static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors, string thing)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw DomainException.InvalidWithSummary(errors, $"The {thing} has errors:");
        }
    }
}
