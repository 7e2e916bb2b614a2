using NanoClaw.Configuration;
using NanoClaw.Files;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// inotify watches on each group's <c>requests/</c>, so a request is picked up at once, and on the
/// IPC root, so a group's folder made by its first run wakes the service too. They only wake the
/// service: what is done is decided by reading the folder through its handle, never by an event's
/// path. A watch that could not be made, or one whose events were lost (the kernel's queue
/// overflowed), makes the service fall back to polling (<see cref="IsDegraded"/>).
/// </summary>
internal sealed class IpcWatchers(NanoClawPaths paths, Action wake, ILogger logger) : IDisposable
{
    private readonly Dictionary<
        string,
        (FileSystemWatcher Watcher, FileIdentity Folder)
    > _watchers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unwatchable = new(StringComparer.Ordinal);
    private (FileSystemWatcher Watcher, FileIdentity Folder)? _root;
    private volatile bool _eventsLost;
    private int _folderAdded;

    /// <summary>
    /// Whether a group folder made in the IPC root wakes the service: then a group that has no
    /// folder yet needs no poll.
    /// </summary>
    public bool IsRootWatched => _root is not null;

    /// <summary>
    /// True while some existing <c>requests/</c> has no watch, or events were lost since the last
    /// <see cref="Rescanned"/>: requests may then arrive without waking the service.
    /// </summary>
    public bool IsDegraded => _eventsLost || _unwatchable.Count > 0;

    /// <summary>Whether the group's <c>requests/</c> has a watch.</summary>
    public bool IsWatched(string group) => _watchers.ContainsKey(group);

    /// <summary>Called after a pass that read every group's folder: what was lost before it has been seen.</summary>
    public void Rescanned() => _eventsLost = false;

    /// <summary>
    /// Events were lost (the kernel's queue overflowed, or the watch failed): every folder is read
    /// again at once, since any of them may hold a request nobody was told about.
    /// </summary>
    internal void EventsLost(string group, string reason)
    {
        _eventsLost = true;
        logger.LogDebug(
            "Events of the IPC folder of group {Group} were lost: {Reason}",
            group,
            reason
        );
        wake();
    }

    /// <summary>Watches the group's <c>requests/</c>, anew when the folder was replaced.</summary>
    public void Ensure(string group, FileIdentity requests)
    {
        if (_watchers.TryGetValue(group, out var current) && current.Folder.IsSameObject(requests))
            return;
        Drop(group);
        try
        {
            var watcher = new FileSystemWatcher(
                Path.Combine(paths.IpcDir(group), IpcLayout.Requests)
            )
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
                IncludeSubdirectories = false,
            };
            watcher.Created += (_, _) => wake();
            watcher.Renamed += (_, _) => wake();
            watcher.Changed += (_, _) => wake();
            watcher.Error += (_, e) => EventsLost(group, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            _watchers[group] = (watcher, requests);
            _unwatchable.Remove(group);
        }
        catch (Exception ex)
            when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify watches, or the folder went away: the poll still serves the group.
            _unwatchable.Add(group);
            logger.LogDebug(
                "No watch on the IPC folder of group {Group}: {Reason}",
                group,
                ex.Message
            );
        }
    }

    /// <summary>
    /// Whether a group folder appeared in the IPC root since the last call: its group may be newer
    /// than the service's list of groups, which is then read again.
    /// </summary>
    public bool TakeFolderAdded() => Interlocked.Exchange(ref _folderAdded, 0) == 1;

    private void FolderAdded()
    {
        Interlocked.Exchange(ref _folderAdded, 1);
        wake();
    }

    /// <summary>Watches the IPC root for group folders, anew when the root was replaced.</summary>
    public void EnsureRoot(FileIdentity root)
    {
        if (_root is { } current && current.Folder.IsSameObject(root))
            return;
        DropRoot();
        try
        {
            var watcher = new FileSystemWatcher(paths.IpcRootDir)
            {
                NotifyFilter = NotifyFilters.DirectoryName,
                IncludeSubdirectories = false,
            };
            watcher.Created += (_, _) => FolderAdded();
            watcher.Renamed += (_, _) => FolderAdded();
            watcher.Error += (_, e) => EventsLost("(the IPC root)", e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            _root = (watcher, root);
        }
        catch (Exception ex)
            when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify watches, or the root went away: groups without a folder are polled.
            logger.LogDebug("No watch on the IPC root: {Reason}", ex.Message);
        }
    }

    /// <summary>
    /// The group has no <c>requests/</c> (yet, or any more): nothing to watch, nothing missed. A watch
    /// on a folder that was removed is dropped, so the group counts as unwatched until it is back.
    /// </summary>
    public void Missing(string group)
    {
        _unwatchable.Remove(group);
        Drop(group);
    }

    /// <summary>Stops watching groups that are gone.</summary>
    public void Retain(IReadOnlySet<string> groups)
    {
        foreach (var group in _watchers.Keys.Where(g => !groups.Contains(g)).ToList())
            Drop(group);
        _unwatchable.RemoveWhere(g => !groups.Contains(g));
    }

    private void Drop(string group)
    {
        if (_watchers.Remove(group, out var entry))
            entry.Watcher.Dispose();
    }

    private void DropRoot()
    {
        _root?.Watcher.Dispose();
        _root = null;
    }

    public void Dispose()
    {
        DropRoot();
        foreach (var (watcher, _) in _watchers.Values)
            watcher.Dispose();
        _watchers.Clear();
    }
}
