using System.Diagnostics.CodeAnalysis;

namespace Gamification.Core;

/// <summary>
/// Reads text out of untrusted JSON. System.Text.Json parses a string without decoding it and decodes it when it is
/// read: an escaped lone surrogate (<c>"\ud800"</c>) or bytes that are not UTF-8 then throw
/// <see cref="InvalidOperationException"/> from <see cref="JsonElement.GetString"/>, <see cref="JsonElement.GetRawText"/>,
/// <see cref="JsonProperty.Name"/>, and from <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> on an object
/// with such a field name. These readers answer "not readable" instead, so the caller can refuse the field.
/// </summary>
public static class JsonText
{
    /// <summary>What is wrong with a field whose text cannot be read.</summary>
    public static string Unreadable(string field) =>
        $"{field} is not readable text: send UTF-8 without unpaired surrogates (such as \\ud800).";

    /// <summary>The string's text; false when <paramref name="value"/> is a string that cannot be decoded.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is not a JSON string.</exception>
    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidOperationException($"A {value.ValueKind} is not a string.");
        }
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The property's name; false when it cannot be decoded.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>
    /// Where the first string or field name that cannot be decoded sits in a JSON document: <c>name</c>,
    /// <c>metadata.source</c>, <c>ids[2]</c>; a field name is reported by the object holding it (<c>body</c> at the
    /// top). Null when all text is readable, and also when the JSON is malformed (its reader reports that).
    /// </summary>
    public static string? FindUnreadable(ReadOnlySpan<byte> utf8Json, int maxDepth = 64)
    {
        // A UTF-8 byte-order mark is skipped, as the JSON binder skips it.
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        // One frame per open object or array: the field being read, or the index of the next item.
        var frames = new List<(string? Field, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!TryRead(ref reader, out var name))
                        {
                            return frames.Count > 1 ? PathOf(frames, frames.Count - 1) : "body";
                        }
                        frames[^1] = (name, 0);
                        continue;
                    case JsonTokenType.String when !TryRead(ref reader, out _):
                        return PathOf(frames, frames.Count);
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add((null, 0));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                }
                // A value ended: the next item of an array has the next index.
                if (frames.Count > 0 && frames[^1].Field is null)
                {
                    frames[^1] = (null, frames[^1].Index + 1);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    private static bool TryRead(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The path of the value the first <paramref name="count"/> frames lead to.</summary>
    private static string PathOf(List<(string? Field, int Index)> frames, int count)
    {
        var path = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (frames[i].Field is { } field)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(field);
            }
            else
            {
                path.Append(System.Globalization.CultureInfo.InvariantCulture, $"[{frames[i].Index}]");
            }
        }
        return path.Length == 0 ? "body" : path.ToString();
    }

    /// <summary>Stored JSON (an event's or a flag's data) as an element to answer with; null when empty or unreadable.</summary>
    public static JsonElement? ParseOrNull(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
