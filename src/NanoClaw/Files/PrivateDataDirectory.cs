using NanoClaw.Configuration;

namespace NanoClaw.Files;

/// <summary>
/// The data directory holds the run store (task environments, every run's output), the admin token
/// and the daemon's own logs: it is its user's alone. Folders 0700, files 0600, and modes someone
/// loosened (or an older version left) are tightened at every start. No process-wide umask is set:
/// runs and the container runtime keep the one the daemon was started with.
/// </summary>
internal static class PrivateDataDirectory
{
    private static readonly string[] PrivateFiles = ["admin.token", "daemon.lock"];
    private static readonly string[] DatabaseCompanions = ["-wal", "-shm", "-journal"];

    public static void Secure(NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (OperatingSystem.IsWindows())
            return;
        EnsureFolder(paths.DataDir);
        EnsureFolder(paths.DaemonLogDir);
        foreach (var file in Directory.EnumerateFiles(paths.DaemonLogDir))
            TightenTo(file, FileModes.PrivateFile);
        if (Directory.Exists(paths.IpcRootDir))
            TightenTo(paths.IpcRootDir, FileModes.PrivateDirectory);
        foreach (var name in PrivateFiles)
            Tighten(Path.Combine(paths.DataDir, name));
        EnsureDatabaseFile(paths.DatabaseFile);
    }

    /// <summary>
    /// Creates the database file 0600 before SQLite first opens it: SQLite gives the WAL and
    /// shared-memory files the database file's mode, so they are private from their first byte.
    /// </summary>
    public static void EnsureDatabaseFile(string databaseFile)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
            return;
        }
        EnsureFolder(Path.GetDirectoryName(databaseFile)!);
        try
        {
            new FileStream(databaseFile, PrivateCreation()).Dispose();
        }
        catch (IOException) when (File.Exists(databaseFile))
        {
            // Already there: only its mode may need tightening.
        }
        Tighten(databaseFile);
        foreach (var suffix in DatabaseCompanions)
            Tighten(databaseFile + suffix);
    }

    /// <summary>Options that create a new file readable and writable by its owner only, from the start.</summary>
    public static FileStreamOptions PrivateCreation(FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileModes.PrivateFile;
        return options;
    }

    /// <summary>Creates the folder 0700 if missing, and tightens it if it is looser.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FileModes.PrivateDirectory);
        TightenTo(path, FileModes.PrivateDirectory);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string file)
    {
        if (File.Exists(file))
            TightenTo(file, FileModes.PrivateFile);
    }

    /// <summary>Changes only a mode that is looser: a CLI user who is not the owner can still read a private store.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenTo(string path, UnixFileMode mode)
    {
        if ((File.GetUnixFileMode(path) & ~mode) != 0)
            File.SetUnixFileMode(path, mode);
    }
}
