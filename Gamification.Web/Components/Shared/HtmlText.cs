using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// The one encoder of the texts the pages write into markup of their own (icons, medals, chips, links, ledger rows, the
/// layout's error bar): what HTML gives meaning to (<c>&lt; &gt; &amp; " '</c> and the like) is encoded, so a tenant's or
/// a person's words show as text; the letters of every language are kept as they are ("×", "★", "é"), as an entity is
/// eight characters in markup that every open tab may keep.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><paramref name="value"/> safe as an element's text or a quoted attribute's value.</summary>
    public static string Encode(string value) => Encoder.Encode(value);
}
