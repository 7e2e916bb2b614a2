namespace NanoClaw.Runners.Container.Files;

/// <summary>
/// Opens a path one component at a time with <c>O_NOFOLLOW</c>, each step relative to the folder
/// opened before it: a symbolic link anywhere along it fails the open instead of being followed, and
/// what is opened stays the same object whatever is renamed or swapped afterwards.
/// </summary>
internal static class NoFollowPath
{
    /// <summary>Opens an absolute path that must contain no symbolic link (<c>O_PATH</c>: no read access needed).</summary>
    public static FolderHandle Open(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (!absolutePath.StartsWith('/'))
            throw new ArgumentException("the path must be absolute", nameof(absolutePath));
        var root = Libc.OpenAt(
            Libc.AT_FDCWD,
            "/",
            Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC,
            0
        );
        if (root < 0)
            throw NativeError.For("open", "/");
        using var rootHandle = new FolderHandle(root, "/");
        return OpenBelow(rootHandle, absolutePath.TrimStart('/'), absolutePath);
    }

    /// <summary>Opens <paramref name="relativePath"/> below an open folder, never following a link.</summary>
    public static FolderHandle OpenBelow(FolderHandle start, string relativePath, string shownPath)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(part => part is "." or ".."))
            throw new IOException($"open '{shownPath}': '.' and '..' are not followed");
        var current = start.Fd;
        var owned = -1;
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var isLast = i == parts.Length - 1;
                // O_PATH|O_NOFOLLOW on the last part opens a link itself rather than failing:
                // the caller sees it as a link through its identity and refuses it.
                var flags =
                    Libc.O_PATH
                    | Libc.O_NOFOLLOW
                    | Libc.O_CLOEXEC
                    | (isLast ? 0 : Libc.O_DIRECTORY);
                var next = Libc.OpenAt(current, parts[i], flags, 0);
                if (next < 0)
                    throw NativeError.For("open", shownPath);
                if (owned >= 0)
                    Libc.Close(owned);
                owned = current = next;
            }
            if (owned < 0)
            {
                owned = Libc.OpenAt(current, ".", Libc.O_PATH | Libc.O_CLOEXEC, 0);
                if (owned < 0)
                    throw NativeError.For("open", shownPath);
            }
            var handle = new FolderHandle(owned, shownPath);
            owned = -1;
            var identity = FileIdentity.Of(handle);
            if (identity.IsSymbolicLink)
            {
                handle.Dispose();
                throw new IOException(
                    $"open '{shownPath}': it is a symbolic link (it changed after it was checked, or the check was bypassed)"
                );
            }
            return handle;
        }
        finally
        {
            if (owned >= 0)
                Libc.Close(owned);
        }
    }

    /// <summary>Opens a folder itself (not <c>O_PATH</c>: it can be chowned) without following a link at its last part.</summary>
    public static FolderHandle OpenFolderForChange(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fd = Libc.OpenAt(
            Libc.AT_FDCWD,
            path,
            Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
            0
        );
        if (fd < 0)
            throw NativeError.For("open", path);
        return new FolderHandle(fd, path);
    }
}
