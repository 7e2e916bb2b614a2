using NanoClaw.Files;
using Serilog.Sinks.File;

namespace NanoClaw.Hosting;

/// <summary>
/// Serilog creates its rolling files with the default mode; each is made owner-only as it is opened.
/// Its folder is already 0700 (<see cref="PrivateDataDirectory"/>), so nobody else can open a file
/// in the moment before.
/// </summary>
internal sealed class PrivateLogFileHooks : FileLifecycleHooks
{
    public override Stream OnFileOpened(
        string path,
        Stream underlyingStream,
        System.Text.Encoding encoding
    )
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, FileModes.PrivateFile);
        return underlyingStream;
    }
}
