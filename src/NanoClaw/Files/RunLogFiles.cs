using Microsoft.Win32.SafeHandles;
using NanoClaw.Configuration;

namespace NanoClaw.Files;

/// <summary>
/// Run logs at <c>groups/&lt;group&gt;/logs/&lt;file&gt;</c> (README, "Files, paths"), which lie in
/// a folder the group's runs may write to. Every step below the configured groups folder is
/// opened through its parent's handle without following links, so a run that swaps <c>logs</c>
/// or its own log file for a link (or a hard link) neither redirects a write nor gets another
/// file served as its output.
/// </summary>
internal static class RunLogFiles
{
    private const string LogsFolder = "logs";

    /// <summary>All permission bits, for group folders: the umask applies, as for any folder a user makes.</summary>
    private const UnixFileMode GroupFolderMode = (UnixFileMode)0x1FF;

    /// <summary>
    /// Creates the new log file at <paramref name="logPath"/> (mode 0600, its folder 0700). Anything
    /// planted where the <c>logs</c> folder or the file should be is moved aside, never followed;
    /// each such repair is added to <paramref name="repairs"/>.
    /// </summary>
    /// <exception cref="UnsafePathException">The group folder itself is not a real folder, or a planted entry came back at once.</exception>
    public static SafeFileHandle Create(string logPath, ICollection<string> repairs)
    {
        ArgumentNullException.ThrowIfNull(repairs);
        var fileName = Path.GetFileName(logPath);
        var groupDir = Path.GetDirectoryName(Path.GetDirectoryName(logPath))!;
        using var groups = DirectoryHandle.OpenConfigured(Path.GetDirectoryName(groupDir)!);
        using var group = groups.OpenOrCreateChild(Path.GetFileName(groupDir), GroupFolderMode);
        using var logs = OpenLogsFolder(group, repairs);
        if (logs.TryCreateFile(fileName, FileModes.PrivateFile) is { } created)
            return created;
        var aside = logs.MoveAside(fileName);
        repairs.Add(
            $"'{Path.Combine(logs.Path, fileName)}' already existed; it was moved aside to '{aside}'"
        );
        return logs.TryCreateFile(fileName, FileModes.PrivateFile)
            ?? throw new UnsafePathException(
                $"'{Path.Combine(logs.Path, fileName)}' keeps being recreated by someone else"
            );
    }

    /// <summary>
    /// Opens a run's log for reading if it is the daemon's own: a regular file, owned by the daemon's
    /// user, with no other hard link, reached without following any link.
    /// </summary>
    public static RunLogOpening OpenForReading(NanoClawPaths paths, string group, string? logPath)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (logPath is null)
            return RunLogOpening.Missing;
        var fileName = Path.GetFileName(logPath);
        if (logPath != Path.Combine(paths.GroupLogsDir(group), fileName))
            return RunLogOpening.Refused(
                $"the recorded log path is not in group '{group}''s logs folder"
            );
        if (!Directory.Exists(paths.GroupsDir))
            return RunLogOpening.Missing;
        try
        {
            using var groups = DirectoryHandle.OpenConfigured(paths.GroupsDir);
            using var groupDir = groups.OpenChild(group);
            using var logs = groupDir?.OpenChild(LogsFolder);
            if (logs?.OpenFileForReading(fileName) is not { } handle)
                return RunLogOpening.Missing;
            var identity = FileIdentity.Of(handle);
            var refusal =
                !identity.IsRegularFile ? $"the log file is {identity.Describe()}"
                : !identity.IsOwnedByUs ? "the log file belongs to another user"
                : identity.LinkCount != 1 ? "the log file has other hard links"
                : null;
            if (refusal is null)
                return new RunLogOpening(handle, null);
            handle.Dispose();
            return RunLogOpening.Refused(refusal);
        }
        catch (UnsafePathException ex)
        {
            return RunLogOpening.Refused(ex.Message);
        }
    }

    /// <summary>Deletes a run's log file (the entry itself, never what a link points to); false if it was not there.</summary>
    public static bool Delete(NanoClawPaths paths, string group, string logPath)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var fileName = Path.GetFileName(logPath);
        if (
            logPath != Path.Combine(paths.GroupLogsDir(group), fileName)
            || !Directory.Exists(paths.GroupsDir)
        )
            return false;
        try
        {
            using var groups = DirectoryHandle.OpenConfigured(paths.GroupsDir);
            using var groupDir = groups.OpenChild(group);
            using var logs = groupDir?.OpenChild(LogsFolder);
            return logs?.DeleteFile(fileName) ?? false;
        }
        catch (UnsafePathException)
        {
            // A folder replaced by a link: the log is not where it was, and nothing is followed.
            return false;
        }
    }

    /// <summary>The group's real <c>logs</c> folder, owned by the daemon, mode 0700.</summary>
    private static DirectoryHandle OpenLogsFolder(
        DirectoryHandle group,
        ICollection<string> repairs
    )
    {
        DirectoryHandle? logs;
        string? found;
        try
        {
            logs = group.OpenChild(LogsFolder);
            found = logs is null || logs.Identity().IsOwnedByUs ? null : "a folder of another user";
        }
        catch (UnsafePathException)
        {
            logs = null;
            found = FileIdentity.Of(group.Handle, LogsFolder)?.Describe() ?? "something else";
        }
        if (found is not null)
        {
            logs?.Dispose();
            logs = null;
            var aside = group.MoveAside(LogsFolder);
            repairs.Add(
                $"'{Path.Combine(group.Path, LogsFolder)}' was {found}, not the daemon's logs folder; it was moved aside to '{aside}' and a new folder made"
            );
        }
        logs ??= group.OpenOrCreateChild(LogsFolder, FileModes.PrivateDirectory);
        // Also tightens a folder made with a looser mode before.
        logs.SetMode(FileModes.PrivateDirectory);
        return logs;
    }
}
