namespace NanoClaw.Runners;

/// <summary>The kept tail of one output stream, and whether anything before it was dropped.</summary>
public readonly record struct CapturedOutput(string Text, bool IsTruncated)
{
    public static CapturedOutput Empty { get; } = new("", false);
}
