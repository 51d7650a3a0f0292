namespace Gamification.Tests;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Ana María Núñez")]
    [InlineData("Zoë O'Brien-Smith")]
    [InlineData("محمد")]
    [InlineData("Night Owl \ud83e\udd89")]
    [InlineData("Team \u200d Rocket")]
    public void A_name_in_any_script_with_emoji_is_clean(string name)
    {
        Assert.True(TextRules.IsCleanName(name));
        Assert.True(TextRules.IsCleanText(name));
    }

    [Theory]
    [InlineData("Admin\u202Egnp.exe")]
    [InlineData("a\u202Ab")]
    [InlineData("a\u2066b\u2069")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u009Bb")]
    public void Controls_separators_and_overrides_are_refused_in_names_and_text(string text)
    {
        Assert.False(TextRules.IsCleanName(text));
        Assert.False(TextRules.IsCleanText(text));
    }

    [Fact]
    public void Unpaired_surrogates_are_refused_in_names_and_text()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate (it is stored as UTF-8).
        foreach (var text in (string[])["a\ud800b", "a\udc00", "\udc00\ud800", "\ud800"])
        {
            Assert.False(TextRules.IsCleanName(text));
            Assert.False(TextRules.IsCleanText(text));
        }
        Assert.True(TextRules.IsCleanName("a\ud83e\udd89"));
    }

    [Theory]
    [InlineData("First line\nsecond line")]
    [InlineData("Windows\r\nline break")]
    [InlineData("Column\tcolumn")]
    [InlineData("\u05e9\u05dc\u05d5\u05dd\u200F (Hebrew) and a mark")]
    [InlineData("\u0627\u061C1")]
    public void Tabs_line_breaks_and_direction_marks_are_fine_in_text_but_not_in_names(string text)
    {
        Assert.True(TextRules.IsCleanText(text));
        Assert.False(TextRules.IsCleanName(text));
    }
}
