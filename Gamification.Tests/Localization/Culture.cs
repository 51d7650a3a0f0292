namespace Gamification.Tests.Localization;

/// <summary>Runs a test's body as a reader of one language: the culture the request localization sets for their circuit.</summary>
internal static class Culture
{
    /// <summary>Runs <paramref name="action"/> with the current culture and UI culture set to <paramref name="name"/>, then puts them back.</summary>
    public static async Task InCultureAsync(string name, Func<Task> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
        try
        {
            await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
