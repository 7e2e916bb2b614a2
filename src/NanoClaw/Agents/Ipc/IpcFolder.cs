using System.Globalization;
using System.IO.Enumeration;
using NanoClaw.Configuration;
using NanoClaw.Files;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// A group's IPC folder (<c>&lt;DataDirectory&gt;/ipc/&lt;group&gt;</c>) as the daemon uses it. The
/// folder is the agent's: every name in it is opened, read, renamed and removed through the handle
/// of its <c>requests/</c> or <c>responses/</c> folder, never following a link, and only plain files
/// with one link are read (a link or a hard link to the daemon's own files is refused unread).
/// </summary>
internal sealed class IpcFolder : IDisposable
{
    /// <summary>The largest request read: a task with a long prompt fits many times over.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>Read by the agent, which in container mode is another user than the daemon.</summary>
    private const UnixFileMode AnswerMode = (UnixFileMode)0x1A4; // 0644

    private readonly DirectoryHandle _requests;
    private readonly DirectoryHandle _responses;

    private IpcFolder(DirectoryHandle requests, DirectoryHandle responses)
    {
        _requests = requests;
        _responses = responses;
    }

    /// <summary>The identity of <c>requests/</c>: a watcher is renewed when the folder is replaced.</summary>
    public FileIdentity RequestsIdentity => _requests.Identity();

    /// <summary>
    /// Opens <c>&lt;DataDirectory&gt;/ipc</c>, made (private to the daemon's user) if missing, as a
    /// run's folders are: the service watches it from the start for the group folders runs make.
    /// </summary>
    public static DirectoryHandle OpenOrCreateRoot(NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var data = DirectoryHandle.OpenConfigured(paths.DataDir);
        return data.OpenOrCreateChild(
            Path.GetFileName(paths.IpcRootDir),
            FileModes.PrivateDirectory
        );
    }

    /// <summary>Whether the group's folder is there (with or without its <c>requests/</c>).</summary>
    /// <exception cref="UnsafePathException">A link or a file is where the folder belongs.</exception>
    public static bool HasGroupFolder(DirectoryHandle root, string group)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var folder = root.OpenChild(group);
        return folder is not null;
    }

    /// <summary>
    /// Opens the group's folders; null when the group has no <c>requests/</c> yet (no run made it).
    /// </summary>
    /// <exception cref="UnsafePathException">A link or a file is where a folder belongs.</exception>
    public static IpcFolder? Open(DirectoryHandle root, string group)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var folder = root.OpenChild(group);
        if (folder is null)
            return null;
        var requests = folder.OpenChild(IpcLayout.Requests);
        if (requests is null)
            return null;
        try
        {
            var responses = folder.OpenChild(IpcLayout.Responses) ?? CreateResponses(folder);
            return new IpcFolder(requests, responses);
        }
        catch
        {
            requests.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> request names (<c>*.json</c>, not hidden), from at most
    /// <paramref name="maxEntries"/> entries: thousands of files cost one bounded pass each.
    /// </summary>
    public IReadOnlyList<string> RequestNames(int max, int maxEntries) =>
        [
            .. Entries(_requests, maxEntries)
                .Where(e => IpcLayout.IsRequestName(e.Name))
                .Select(e => e.Name)
                .Take(max),
        ];

    public RequestRead Read(string name)
    {
        var identity = FileIdentity.Of(_requests.Handle, name);
        if (identity is not { } found)
            return RequestRead.Gone;
        if (Refusal(found) is { } refusal)
            return RequestRead.Refused(refusal, found.IsDirectory);
        try
        {
            using var file = _requests.OpenFileForReading(name);
            if (file is null)
                return RequestRead.Gone;
            var opened = FileIdentity.Of(file);
            if (!opened.IsSameObject(found) || Refusal(opened) is not null)
                return RequestRead.Refused("it was replaced while it was read", false);
            var length = RandomAccess.GetLength(file);
            if (length > MaxRequestBytes)
                return RequestRead.Refused(TooLarge(length), false);
            // One byte more than allowed: a file that grew since its length was read is seen as too large.
            var buffer = new byte[length + 1];
            var total = 0;
            int read;
            while (
                total < buffer.Length
                && (read = RandomAccess.Read(file, buffer.AsSpan(total), total)) > 0
            )
                total += read;
            return total > MaxRequestBytes
                ? RequestRead.Refused(TooLarge(total), false)
                : RequestRead.Of(buffer.AsMemory(0, total));
        }
        catch (UnsafePathException)
        {
            return RequestRead.Refused("it is a symbolic link", false);
        }
    }

    /// <summary>
    /// Writes <c>responses/&lt;id&gt;.json</c> under a temporary name, flushes it, renames it into place
    /// (a link planted under the answer's name is replaced, never followed) and flushes the folder, so
    /// the answer is on disk before its request is removed.
    /// </summary>
    public void Answer(string id, string answer)
    {
        if (!IpcRequestParser.IsValidId(id))
            throw new ArgumentException($"'{id}' is not a request id", nameof(id));
        var temporary = string.Create(
            CultureInfo.InvariantCulture,
            $".answer-{Guid.NewGuid():N}.tmp"
        );
        using (
            var file =
                _responses.TryCreateFile(temporary, AnswerMode)
                ?? throw new IOException($"'{temporary}' exists already in {_responses.Path}")
        )
        {
            RandomAccess.Write(file, System.Text.Encoding.UTF8.GetBytes(answer), 0);
            Sync(file, temporary);
        }
        if (Libc.RenameAt(_responses.Handle, temporary, _responses.Handle, id + ".json") != 0)
        {
            var errno = Libc.LastError;
            _responses.DeleteFile(temporary);
            throw new IOException(
                $"cannot put the answer '{id}.json' in {_responses.Path}: {Libc.Describe(errno)}"
            );
        }
        Sync(_responses.Handle, _responses.Path);
    }

    /// <summary>Removes a request (a folder only if it is empty); false if it could not be removed.</summary>
    public bool Remove(string name, bool isFolder)
    {
        if (!isFolder)
        {
            _requests.DeleteFile(name);
            return true;
        }
        return Libc.UnlinkAt(_requests.Handle, name, Libc.AtRemoveDir) == 0;
    }

    /// <summary>
    /// Keeps <c>responses/</c> bounded for an agent that never collects its answers: links (never the
    /// daemon's) go at once, answers and leftovers older than <paramref name="maxAge"/> go, and beyond
    /// <paramref name="maxCount"/> files the oldest go.
    /// </summary>
    public int PruneResponses(TimeSpan maxAge, int maxCount, int maxEntries)
    {
        var removed = 0;
        var files = new List<Entry>();
        foreach (var entry in Entries(_responses, maxEntries))
        {
            if (entry.IsLink)
                removed += _responses.DeleteFile(entry.Name) ? 1 : 0;
            else if (!entry.IsFolder)
                files.Add(entry);
        }
        var cutoff = DateTime.UtcNow - maxAge;
        var keep = files.OrderByDescending(f => f.WrittenAt).ToList();
        for (var i = 0; i < keep.Count; i++)
        {
            if (i >= maxCount || keep[i].WrittenAt < cutoff)
                removed += _responses.DeleteFile(keep[i].Name) ? 1 : 0;
        }
        return removed;
    }

    private static string? Refusal(FileIdentity identity) =>
        identity.IsSymbolicLink ? "it is a symbolic link"
        : identity.IsDirectory ? "it is a folder"
        : !identity.IsRegularFile ? "it is a special file (a FIFO, socket or device), not a file"
        : identity.LinkCount > 1
            ? $"it has {identity.LinkCount} hard links; a request is a file of its own"
        : null;

    private static string TooLarge(long length) =>
        $"it is {length} bytes, more than the {MaxRequestBytes} (64 KiB) a request may be";

    /// <summary>
    /// The folder's entries, listed through its open handle (<c>/proc/self/fd</c> names the folder
    /// itself, wherever its path now leads).
    /// </summary>
    private static IEnumerable<Entry> Entries(DirectoryHandle folder, int maxEntries)
    {
        var path =
            "/proc/self/fd/"
            + folder.Handle.DangerousGetHandle().ToString(CultureInfo.InvariantCulture);
        var options = new EnumerationOptions
        {
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            RecurseSubdirectories = false,
        };
        return new FileSystemEnumerable<Entry>(
            path,
            (ref FileSystemEntry e) =>
                new Entry(
                    e.FileName.ToString(),
                    (e.Attributes & FileAttributes.ReparsePoint) != 0,
                    e.IsDirectory,
                    (e.Attributes & FileAttributes.ReparsePoint) != 0
                        ? DateTime.MinValue
                        : e.LastWriteTimeUtc.UtcDateTime
                ),
            options
        ).Take(maxEntries);
    }

    /// <summary>Made by the daemon when an agent removed it, owned like the group's folder so the agent can use it.</summary>
    private static DirectoryHandle CreateResponses(DirectoryHandle folder)
    {
        var owner = folder.Identity();
        var responses = folder.OpenOrCreateChild(IpcLayout.Responses, IpcLayout.FolderMode);
        if (!FileIdentity.Of(responses.Handle).IsOwnedByUs || owner.IsOwnedByUs)
            return responses;
        if (Libc.Fchown(responses.Handle, owner.Uid, owner.Gid) != 0)
        {
            var errno = Libc.LastError;
            responses.Dispose();
            throw new IOException(
                $"cannot give '{responses.Path}' to its group folder's owner: {Libc.Describe(errno)}"
            );
        }
        return responses;
    }

    private static void Sync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string what)
    {
        if (Libc.Fsync(handle) != 0)
            throw new IOException(
                $"cannot flush '{what}' to disk: {Libc.Describe(Libc.LastError)}"
            );
    }

    public void Dispose()
    {
        _requests.Dispose();
        _responses.Dispose();
    }

    private readonly record struct Entry(
        string Name,
        bool IsLink,
        bool IsFolder,
        DateTime WrittenAt
    );
}
