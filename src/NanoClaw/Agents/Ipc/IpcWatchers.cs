using NanoClaw.Configuration;
using NanoClaw.Files;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// inotify watches on each group's <c>requests/</c>, so a request is picked up at once. They only
/// wake the poll: what is done is decided by reading the folder through its handle, never by an
/// event's path. A bind mount may not deliver events, so the poll runs anyway.
/// </summary>
internal sealed class IpcWatchers(NanoClawPaths paths, Action wake, ILogger logger) : IDisposable
{
    private readonly Dictionary<
        string,
        (FileSystemWatcher Watcher, FileIdentity Folder)
    > _watchers = new(StringComparer.Ordinal);

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
            watcher.EnableRaisingEvents = true;
            _watchers[group] = (watcher, requests);
        }
        catch (Exception ex)
            when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify watches, or the folder went away: the poll still serves the group.
            logger.LogDebug(
                "No watch on the IPC folder of group {Group}: {Reason}",
                group,
                ex.Message
            );
        }
    }

    /// <summary>Stops watching groups that are gone.</summary>
    public void Retain(IReadOnlySet<string> groups)
    {
        foreach (var group in _watchers.Keys.Where(g => !groups.Contains(g)).ToList())
            Drop(group);
    }

    private void Drop(string group)
    {
        if (_watchers.Remove(group, out var entry))
            entry.Watcher.Dispose();
    }

    public void Dispose()
    {
        foreach (var (watcher, _) in _watchers.Values)
            watcher.Dispose();
        _watchers.Clear();
    }
}
