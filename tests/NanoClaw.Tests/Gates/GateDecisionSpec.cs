using NanoClaw.Execution.Gates;

namespace NanoClaw.Tests.Gates;

/// <summary>What counts as a gate's decision: its whole stdout as one object, or its last non-empty line.</summary>
public sealed class GateDecisionSpec
{
    [Fact]
    public void A_pretty_printed_object_as_the_whole_output_is_a_decision()
    {
        var decision = GateDecision.Parse(
            "{\n  \"wake\": true,\n  \"data\": {\"n\": 2}\n}\n",
            isTruncated: false,
            out var error
        );

        Assert.Null(error);
        Assert.True(decision!.Wake);
        Assert.Equal("""{"n":2}""", decision.Data!.ToJsonString());
    }

    [Fact]
    public void Lines_logged_before_the_last_one_are_ignored()
    {
        var decision = GateDecision.Parse(
            "scanning\n{\"wake\": true}\n\n{\"wake\": false}\n  \n",
            isTruncated: false,
            out _
        );

        Assert.False(decision!.Wake);
        Assert.Null(decision.Data);
    }

    [Theory]
    [InlineData("", "printed nothing")]
    [InlineData("wake up\n", "its last line is 'wake up'")]
    [InlineData("{\"wake\": \"true\"}", "needs \"wake\": true or false")]
    [InlineData("{\"data\": 1}", "needs \"wake\": true or false")]
    [InlineData("[{\"wake\": true}]", "printed no decision")]
    [InlineData("{\"wake\": false, \"wake\": true}", "printed no decision")]
    [InlineData("{\"wake\": tr", "printed no decision")]
    public void Anything_else_is_no_decision_and_says_what_was_printed(
        string stdout,
        string expected
    )
    {
        Assert.Null(GateDecision.Parse(stdout, isTruncated: false, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_output_is_read_only_by_its_last_line_and_a_cut_decision_says_why()
    {
        // The kept tail of a long output may start in the middle of an object.
        Assert.True(GateDecision.Parse("\"x\"}\n{\"wake\": true}", isTruncated: true, out _)!.Wake);
        Assert.Null(GateDecision.Parse("e, \"data\": 1}", isTruncated: true, out var error));
        Assert.Contains("longer than a run record keeps", error, StringComparison.Ordinal);
    }
}
