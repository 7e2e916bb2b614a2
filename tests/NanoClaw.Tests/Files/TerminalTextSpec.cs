using NanoClaw.Cli.Output;

namespace NanoClaw.Tests.Files;

public sealed class TerminalTextSpec
{
    [Theory]
    [InlineData("\u001b[2J\u001b]0;pwned\u0007", "\\x1b[2J\\x1b]0;pwned\\x07")]
    [InlineData("a\0hidden", "a\\x00hidden")]
    [InlineData("ok\rfake\r\n", "ok\\x0dfake\r\n")]
    [InlineData("del\u007f c1\u009b31m", "del\\x7f c1\\u009b31m")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    [InlineData("tab\tline\nünïcödé 😀", "tab\tline\nünïcödé 😀")]
    public void Control_characters_are_shown_as_visible_escapes(string output, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(output));
}
