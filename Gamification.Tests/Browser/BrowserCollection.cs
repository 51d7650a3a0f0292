namespace Gamification.Tests.Browser;

/// <summary>The browser flows share one app and one Chromium, one test after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The axe walks (<see cref="AccessibilityTests"/>, <see cref="DialogAccessibilityTests"/>) take two thirds of the browser
/// tests' time: they run in two collections of their own, each with its own app and Chromium (xunit makes one fixture
/// per collection), beside the flows instead of after them. Each app has its own database, so what one walk seeds or
/// changes (themes, a redemption) never reaches a page another collection checks.
/// </summary>
public static class AxeCollections
{
    public const string Admins = "browser-axe-admins";
    public const string Agents = "browser-axe-agents";
}

[CollectionDefinition(AxeCollections.Admins)]
public sealed class AxeAdminsCollection : ICollectionFixture<BrowserAppFixture>;

[CollectionDefinition(AxeCollections.Agents)]
public sealed class AxeAgentsCollection : ICollectionFixture<BrowserAppFixture>;
