namespace Gamification.Core;

/// <summary>
/// Which links the app writes into its pages or redirects to. Browsers read <c>//host</c> and <c>/\host</c> as another
/// site, drop tabs and line breaks inside a URL, and follow <c>http:</c> in the clear; these rules allow none of it.
/// </summary>
public static class WebLinks
{
    /// <summary>A path on this site: one leading <c>/</c> (not <c>//</c> or <c>/\</c>), no backslash, whitespace or control character.</summary>
    public static bool IsLocalPath(string? value) =>
        value is ['/', ..] && (value.Length == 1 || value[1] is not ('/' or '\\')) && IsPlain(value);

    /// <summary>An absolute <c>https://</c> URL with a host (and no user name before it), written without whitespace or control characters.</summary>
    public static bool IsHttpsUrl(string? value) =>
        value is not null && IsPlain(value)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0
        && value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool IsPlain(string value) => !value.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c));
}
