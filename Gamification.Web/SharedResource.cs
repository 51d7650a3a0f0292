namespace Gamification.Web;

/// <summary>
/// The marker of the web app's texts: Resources/SharedResource.resx (English) and its translations
/// (SharedResource.es.resx). Components read them through <c>IStringLocalizer&lt;SharedResource&gt;</c> (docs/localization.md).
/// </summary>
public sealed class SharedResource;
