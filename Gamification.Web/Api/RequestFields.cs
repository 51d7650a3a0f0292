namespace Gamification.Web.Api;

/// <summary>
/// Reads a JSON object body field by field, so a wrong type or an unknown enum name is reported against its field
/// (as a 400 validation problem) rather than as unreadable JSON. An absent or null field reads as null; unknown
/// fields are ignored (a body read back from GET, with id and counts, can be sent again).
/// </summary>
internal sealed class RequestFields
{
    private readonly JsonElement body;

    public RequestFields(JsonElement body, string example)
    {
        this.body = body;
        if (body.ValueKind != JsonValueKind.Object)
        {
            Errors["body"] = [$"Send a JSON object, such as {example}."];
        }
    }

    public Dictionary<string, string[]> Errors { get; } = [];

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Errors[name] = ["Must be a string."];
        return null;
    }

    public int? Int(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        Errors[name] = ["Must be a whole number."];
        return null;
    }

    public long? Long(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }
        Errors[name] = ["Must be a whole number."];
        return null;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Errors[name] = ["Must be true or false."];
        return null;
    }

    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && SnakeCaseNames.TryParse<T>(value.GetString(), out var parsed))
        {
            return parsed;
        }
        Errors[name] = [$"Unknown {name} '{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}'; use one of {SnakeCaseNames.Known<T>()}."];
        return null;
    }

    /// <summary>A calendar day written yyyy-MM-dd.</summary>
    public DateOnly? Day(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        Errors[name] = [$"'{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}' is not a date in the form yyyy-MM-dd."];
        return null;
    }

    /// <summary>Whether the body has the field at all (null included): on an update, a field left out keeps its value.</summary>
    public bool Sent(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out _);

    /// <exception cref="DomainException">Validation (400) with the errors per field, when any field was wrong.</exception>
    public void ThrowIfInvalid(string message) => DomainException.ThrowIfInvalid(Errors, message);

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
