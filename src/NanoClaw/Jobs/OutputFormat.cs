namespace NanoClaw.Jobs;

/// <summary>How a run's stdout is read for its structured result.</summary>
public enum OutputFormat
{
    /// <summary><c>---NANOCLAW_OUTPUT_START---</c> JSON <c>---NANOCLAW_OUTPUT_END---</c> anywhere in stdout.</summary>
    Sentinel,

    /// <summary>The JSON printed by <c>claude -p … --output-format json</c>.</summary>
    ClaudeJson,

    /// <summary>No parsing: exit code alone decides.</summary>
    Raw,
}
