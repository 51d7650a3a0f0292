namespace Gamification.Core;

/// <summary>
/// The snake_case names of an enum as the API writes them ("calls_before_hour", "all_time"), and the one way to read
/// them back: the API's JSON options write enums with the same policy, so what is read here round-trips.
/// </summary>
public static class SnakeCaseNames
{
    /// <summary>Every name of <typeparamref name="T"/>, in the enum's order.</summary>
    public static IReadOnlyCollection<string> Names<T>()
        where T : struct, Enum => Cache<T>.Exact.Keys;

    /// <summary>Every name of <typeparamref name="T"/>, in the enum's order, separated by commas (for messages).</summary>
    public static string Known<T>()
        where T : struct, Enum => string.Join(", ", Cache<T>.Exact.Keys);

    public static string NameOf<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a name, trimmed; any case unless <paramref name="ignoreCase"/> is false.</summary>
    public static bool TryParse<T>(string? text, out T value, bool ignoreCase = true)
        where T : struct, Enum
    {
        value = default;
        return text is not null && (ignoreCase ? Cache<T>.AnyCase : Cache<T>.Exact).TryGetValue(text.Trim(), out value);
    }

    /// <summary>An optional query value: null when absent; an error naming <paramref name="field"/> when unknown.</summary>
    public static T? ParseQuery<T>(string? text, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TryParse<T>(text, out var value))
        {
            return value;
        }
        errors[field] = [$"Unknown {field} '{text}'; use one of {Known<T>()}."];
        return null;
    }

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> Exact =
            Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.Ordinal);

        public static readonly Dictionary<string, T> AnyCase = new(Exact, StringComparer.OrdinalIgnoreCase);
    }
}
