using Gamification.Core.Users;

namespace Gamification.Web.Components.Layout;

/// <summary>
/// Light or dark pages for one circuit (and for the request that prerenders it): the signed-in person's choice and the
/// device's setting; the layout listens and the app bar's toggle and My points' switch change it.
/// </summary>
public sealed class ThemeState
{
    /// <summary>The cookie js/theme.js sets ("1" when the device prefers dark pages), so the first HTML is already right.</summary>
    public const string SystemDarkCookie = "prefers-dark";

    public ThemeChoice Choice { get; private set; } = ThemeChoice.System;

    /// <summary>The device prefers dark pages (prefers-color-scheme: dark).</summary>
    public bool SystemDark { get; private set; }

    public bool IsDark => Choice == ThemeChoice.Dark || (Choice == ThemeChoice.System && SystemDark);

    /// <summary>Occurs when <see cref="IsDark"/> or <see cref="Choice"/> may have changed.</summary>
    public event Action? Changed;

    public void SetChoice(ThemeChoice choice)
    {
        if (choice != Choice)
        {
            Choice = choice;
            Changed?.Invoke();
        }
    }

    public void SetSystemDark(bool dark)
    {
        if (dark != SystemDark)
        {
            SystemDark = dark;
            Changed?.Invoke();
        }
    }

    /// <summary>The device's setting as the cookie tells it (a prerender's guess before the browser answers).</summary>
    public static bool SystemDarkFrom(HttpContext? context) =>
        context?.Request.Cookies.TryGetValue(SystemDarkCookie, out var value) == true && value == "1";
}
