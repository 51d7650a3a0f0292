namespace Gamification.Web.Api;

/// <summary>
/// Reads optional query-string values for the endpoints: an empty value is null (the endpoint's default), a bad one
/// adds a message under its field to <c>errors</c> (answered as a 400 problem naming the field) and is null.
/// </summary>
internal static class QueryValues
{
    /// <summary>A tenant-local day written yyyy-MM-dd.</summary>
    public static DateOnly? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = [$"{field}: '{text}' is not a date in the form yyyy-MM-dd."];
        return null;
    }

    /// <summary>true or false, any case; <paramref name="fallback"/> when absent (and when wrong, with the error).</summary>
    public static bool Bool(string? text, string field, bool fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }
        errors[field] = [$"'{text}' is not true or false."];
        return fallback;
    }

    /// <summary>true or false, any case; null when absent.</summary>
    public static bool? OptionalBool(string? text, string field, Dictionary<string, string[]> errors) =>
        string.IsNullOrWhiteSpace(text) ? null : Bool(text, field, false, errors);

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static int? Int(string? text, string field, Dictionary<string, string[]> errors, int min = int.MinValue) =>
        Long(text, field, errors, min) is { } value && value <= int.MaxValue ? (int)value : Refuse(text, field, errors, min);

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static long? Long(string? text, string field, Dictionary<string, string[]> errors, long min = long.MinValue)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }
        return Refuse(text, field, errors, min);
    }

    private static int? Refuse(string? text, string field, Dictionary<string, string[]> errors, long min)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [min == long.MinValue || min == int.MinValue
                ? $"{field}: '{text}' is not a whole number."
                : $"{field}: '{text}' is not a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}."];
        }
        return null;
    }
}
