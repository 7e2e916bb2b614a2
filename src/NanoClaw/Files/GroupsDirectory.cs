using NanoClaw.Configuration;

namespace NanoClaw.Files;

/// <summary>
/// The groups folder holds every group's working folder, where runs write what they like: a root
/// daemon's sandboxed runs keep uid 0, so a file they leave can be set-uid root. Other local users
/// get no way into the folder, so no such file is theirs to run. The owner's group keeps its bits.
/// </summary>
internal static class GroupsDirectory
{
    private const UnixFileMode Others =
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void Secure(NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(paths.GroupsDir);
            return;
        }
        Directory.CreateDirectory(paths.GroupsDir, FileModes.PrivateDirectory);
        var mode = File.GetUnixFileMode(paths.GroupsDir);
        if ((mode & Others) != 0)
            File.SetUnixFileMode(paths.GroupsDir, mode & ~Others);
    }
}
