using Microsoft.Win32.SafeHandles;

namespace NanoClaw.Files;

/// <summary>
/// A run's log opened for reading (<see cref="Handle"/>), or why it is not served
/// (<see cref="Refusal"/>), or neither: there is no log file.
/// </summary>
internal readonly record struct RunLogOpening(SafeFileHandle? Handle, string? Refusal)
{
    public static RunLogOpening Missing => default;

    public static RunLogOpening Refused(string why) => new(null, why);
}
