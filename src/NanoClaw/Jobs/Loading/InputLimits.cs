namespace NanoClaw.Jobs.Loading;

/// <summary>
/// Bounds on what a jobs file (or a task sent to the admin API) may hold, so a hostile or broken
/// input is refused with a clear problem instead of exhausting memory or failing later at exec.
/// </summary>
internal static class InputLimits
{
    /// <summary>The largest jobs file read; ten thousand tasks take about 3 MiB.</summary>
    public const long MaxJobsFileBytes = 16 * 1024 * 1024;

    /// <summary>The longest string anywhere (a prompt is the longest thing a task holds).</summary>
    public const int MaxStringBytes = 1024 * 1024;

    /// <summary>
    /// Linux refuses to exec an argument or <c>NAME=value</c> longer than 128 KiB (MAX_ARG_STRLEN,
    /// its terminating NUL included): such a task could never start, so it is refused up front.
    /// </summary>
    public const int MaxArgumentBytes = 128 * 1024 - 1;

    public static int Utf8Length(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
