using NanoClaw.Cli.Output;

namespace NanoClaw.Tests.Cli;

public sealed class TextTableSpec
{
    [Fact]
    public void Cells_written_by_agents_cannot_steer_the_terminal_or_break_the_table()
    {
        using var output = new StringWriter();

        TextTable.Write(
            output,
            ["ID", "DESCRIPTION"],
            [
                ["t1", "fine"],
                ["t2", "\u001b]0;pwned\u0007\nfake row\tx\u009b31m"],
            ]
        );

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.DoesNotContain('\u009b', output.ToString());
        Assert.Equal(@"t2  \x1b]0;pwned\x07\nfake row\tx\u009b31m", lines[2]);
    }
}
