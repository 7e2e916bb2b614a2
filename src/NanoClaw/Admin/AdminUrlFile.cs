using System.Globalization;
using NanoClaw.Configuration;
using NanoClaw.Files;

namespace NanoClaw.Admin;

/// <summary>
/// <c>&lt;DataDirectory&gt;/admin.url</c>: where the running daemon's admin API listens (never its
/// token), with the daemon's process id, so a CLI run in the same folder finds a daemon started on
/// another port. The CLI sends its token only to a URL it can prove is the live daemon's: the
/// process named in the file must hold the daemon lock of this data directory. A file left by a
/// killed daemon names a process that holds no lock, and is ignored.
/// </summary>
internal static class AdminUrlFile
{
    public const string Name = "admin.url";

    public static string PathIn(NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.DataDir, Name);
    }

    /// <summary>Writes the file 0600 under another name, then renames it: a reader never sees half of it.</summary>
    public static void Write(NanoClawPaths paths, string url)
    {
        var path = PathIn(paths);
        var temporary =
            path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, PrivateDataDirectory.PrivateCreation()))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(url);
            writer.WriteLine(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the file if this process wrote it: a clean stop leaves nothing stale.</summary>
    public static void DeleteOwn(NanoClawPaths paths)
    {
        var path = PathIn(paths);
        if (Read(path) is { Pid: var pid } && pid == Environment.ProcessId)
            File.Delete(path);
    }

    /// <summary>What the CLI learns from the file: the live daemon's URL, or why there is none.</summary>
    public static AdminUrlLookup Find(NanoClawPaths paths)
    {
        var path = PathIn(paths);
        if (Read(path) is not { } entry)
            return new AdminUrlLookup(null, null);
        if (!HoldsDaemonLock(paths, entry.Pid))
            return new AdminUrlLookup(
                null,
                $"{path} names process {entry.Pid}, which no longer runs the daemon: the file is stale and not used"
            );
        return new AdminUrlLookup(entry.Url, null);
    }

    private static Entry? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex)
            when (ex
                    is FileNotFoundException
                        or DirectoryNotFoundException
                        or UnauthorizedAccessException
            )
        {
            return null;
        }
        if (
            lines.Length < 2
            || !Uri.TryCreate(lines[0].Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || !int.TryParse(
                lines[1].Trim(),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var pid
            )
        )
            return null;
        return new Entry(lines[0].Trim(), pid);
    }

    /// <summary>
    /// The daemon lock is a kernel flock on <c>daemon.lock</c>: <c>/proc/locks</c> lists its holder's
    /// process id and the file's inode, which nobody can forge and a dead process cannot hold.
    /// </summary>
    private static bool HoldsDaemonLock(NanoClawPaths paths, int pid)
    {
        if (pid <= 0 || !OperatingSystem.IsLinux())
            return false;
        try
        {
            // Looked up without opening it: an open would itself ask for a lock, which the daemon's refuses.
            using var dataDir = DirectoryHandle.OpenConfigured(paths.DataDir);
            if (
                FileIdentity.Of(dataDir.Handle, "daemon.lock")
                is not { IsRegularFile: true } identity
            )
                return false;
            var expected = $":{identity.Inode.ToString(CultureInfo.InvariantCulture)}";
            var holder = pid.ToString(CultureInfo.InvariantCulture);
            foreach (var line in File.ReadLines("/proc/locks"))
            {
                // "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF"
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (
                    fields.Length >= 6
                    && fields[1] == "FLOCK"
                    && fields[4] == holder
                    && fields[5].EndsWith(expected, StringComparison.Ordinal)
                )
                    return true;
            }
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record Entry(string Url, int Pid);
}
