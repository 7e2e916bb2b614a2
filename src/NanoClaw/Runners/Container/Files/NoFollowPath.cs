using Microsoft.Win32.SafeHandles;
using NanoClaw.Files;

namespace NanoClaw.Runners.Container.Files;

/// <summary>
/// Opens a path one component at a time with <c>O_NOFOLLOW</c>, each step relative to the folder
/// opened before it: a symbolic link anywhere along it fails the open instead of being followed, and
/// what is opened stays the same object whatever is renamed or swapped afterwards.
/// </summary>
/// <remarks>
/// Unlike <see cref="DirectoryHandle"/>, which walks down from a folder the operator configured and
/// reads it, this walks a whole path with <c>O_PATH</c> (no read access needed) and its last part may
/// be a file: it pins what a container mounts, which can be either.
/// </remarks>
internal static class NoFollowPath
{
    /// <summary>Opens an absolute path that must contain no symbolic link (<c>O_PATH</c>: no read access needed).</summary>
    public static SafeFileHandle Open(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (!absolutePath.StartsWith('/'))
            throw new ArgumentException("the path must be absolute", nameof(absolutePath));
        using var root = OpenRoot("/");
        return OpenBelow(root, absolutePath.TrimStart('/'), absolutePath);
    }

    /// <summary>
    /// Opens a root to walk below. Links in its own path are followed: <c>/</c> has none, and a
    /// container's root (<c>/proc/PID/root</c>) is reached only through one.
    /// </summary>
    public static SafeFileHandle OpenRoot(string rootPath)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        var fd = Libc.Open(
            rootPath,
            Libc.OpenPathOnly | Libc.OpenDirectory | Libc.OpenCloseOnExec,
            0
        );
        return fd >= 0
            ? new SafeFileHandle(fd, ownsHandle: true)
            : throw NativeError.For("open", rootPath);
    }

    /// <summary>Opens <paramref name="relativePath"/> below an open folder, never following a link.</summary>
    public static SafeFileHandle OpenBelow(
        SafeFileHandle start,
        string relativePath,
        string shownPath
    )
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(part => part is "." or ".."))
            throw new IOException($"open '{shownPath}': '.' and '..' are not followed");
        var current = start;
        SafeFileHandle? owned = null;
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var isLast = i == parts.Length - 1;
                // O_PATH|O_NOFOLLOW on the last part opens a link itself rather than failing:
                // the caller sees it as a link through its identity and refuses it.
                var flags =
                    Libc.OpenPathOnly
                    | Libc.OpenNoFollow
                    | Libc.OpenCloseOnExec
                    | (isLast ? 0 : Libc.OpenDirectory);
                var next = Libc.OpenAt(current, parts[i], flags, 0);
                if (next < 0)
                    throw NativeError.For("open", shownPath);
                owned?.Dispose();
                owned = current = new SafeFileHandle(next, ownsHandle: true);
            }
            if (owned is null)
            {
                var self = Libc.OpenAt(current, ".", Libc.OpenPathOnly | Libc.OpenCloseOnExec, 0);
                if (self < 0)
                    throw NativeError.For("open", shownPath);
                owned = new SafeFileHandle(self, ownsHandle: true);
            }
            if (FileIdentity.Of(owned).IsSymbolicLink)
                throw new IOException(
                    $"open '{shownPath}': it is a symbolic link (it changed after it was checked, or the check was bypassed)"
                );
            var opened = owned;
            owned = null;
            return opened;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>Opens a folder itself (not <c>O_PATH</c>: it can be chowned) without following a link at its last part.</summary>
    public static SafeFileHandle OpenFolderForChange(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fd = Libc.Open(
            path,
            Libc.OpenReadOnly | Libc.OpenDirectory | Libc.OpenNoFollow | Libc.OpenCloseOnExec,
            0
        );
        return fd >= 0
            ? new SafeFileHandle(fd, ownsHandle: true)
            : throw NativeError.For("open", path);
    }
}
