using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace NanoClaw.Files;

/// <summary>
/// An open directory, and lookups relative to it that never follow a link. Below a folder the
/// operator configured, every name is opened through its parent's handle with <c>O_NOFOLLOW</c>,
/// so swapping a folder for a link between two steps changes nothing the daemon does.
/// </summary>
internal sealed class DirectoryHandle : IDisposable
{
    private DirectoryHandle(SafeFileHandle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    public SafeFileHandle Handle { get; }

    /// <summary>Where this folder was when it was opened: for messages only, never to open anything.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens a folder the operator configured (the groups or data folder), creating it if missing.
    /// Links in it are the operator's own choice and are followed.
    /// </summary>
    public static DirectoryHandle OpenConfigured(string path)
    {
        Directory.CreateDirectory(path);
        var fd = Libc.Open(path, Libc.OpenReadOnly | Libc.OpenDirectory | Libc.OpenCloseOnExec, 0);
        return fd >= 0
            ? new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), path)
            : throw new IOException(
                $"cannot open the folder '{path}': {Libc.Describe(Libc.LastError)}"
            );
    }

    /// <summary>The real folder <paramref name="name"/> inside this one; null when nothing has that name.</summary>
    /// <exception cref="UnsafePathException">The name is a link, a file or anything but a folder.</exception>
    public DirectoryHandle? OpenChild(string name)
    {
        CheckName(name);
        var fd = Libc.OpenAt(
            Handle,
            name,
            Libc.OpenReadOnly | Libc.OpenDirectory | Libc.OpenNoFollow | Libc.OpenCloseOnExec,
            0
        );
        if (fd >= 0)
            return new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), Combine(name));
        var errno = Libc.LastError;
        if (errno == Libc.ErrorNoEntry)
            return null;
        if (errno is Libc.ErrorLoop or Libc.ErrorNotDirectory)
            throw new UnsafePathException(
                $"'{Combine(name)}' is {Describe(name)}, not a folder; links are never followed there"
            );
        throw new IOException($"cannot open '{Combine(name)}': {Libc.Describe(errno)}");
    }

    /// <summary>The real folder <paramref name="name"/>, created with <paramref name="mode"/> if missing.</summary>
    public DirectoryHandle OpenOrCreateChild(string name, UnixFileMode mode)
    {
        if (OpenChild(name) is { } existing)
            return existing;
        if (
            Libc.MkdirAt(Handle, name, (uint)mode) != 0
            && Libc.LastError is var errno
            && errno != Libc.ErrorExists
        )
            throw new IOException(
                $"cannot create the folder '{Combine(name)}': {Libc.Describe(errno)}"
            );
        // Created just now, or by someone else in between: either way opened without following.
        return OpenChild(name)
            ?? throw new IOException($"the folder '{Combine(name)}' vanished as it was created");
    }

    /// <summary>Renames whatever <paramref name="name"/> is (a link is renamed, not followed) to a fresh name beside it.</summary>
    /// <returns>The new name.</returns>
    public string MoveAside(string name)
    {
        CheckName(name);
        var aside = string.Create(
            CultureInfo.InvariantCulture,
            $"{name}.moved-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}"
        );
        if (Libc.RenameAt(Handle, name, Handle, aside) != 0)
            throw new IOException(
                $"cannot move '{Combine(name)}' aside: {Libc.Describe(Libc.LastError)}"
            );
        return aside;
    }

    /// <summary>
    /// Creates the new file <paramref name="name"/> for writing, with <paramref name="mode"/> exactly;
    /// fails if anything (a link included) already has that name.
    /// </summary>
    public SafeFileHandle? TryCreateFile(string name, UnixFileMode mode)
    {
        CheckName(name);
        var fd = Libc.OpenAt(
            Handle,
            name,
            Libc.OpenWriteOnly
                | Libc.OpenCreate
                | Libc.OpenExclusive
                | Libc.OpenNoFollow
                | Libc.OpenCloseOnExec
                | Libc.OpenNoControllingTerminal,
            (uint)mode
        );
        if (fd < 0)
        {
            var errno = Libc.LastError;
            return errno == Libc.ErrorExists
                ? null
                : throw new IOException($"cannot create '{Combine(name)}': {Libc.Describe(errno)}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        // The umask may have taken bits away: the mode is set exactly, on the open file.
        SetMode(handle, mode);
        return handle;
    }

    /// <summary>
    /// Opens <paramref name="name"/> for reading without following a link and without blocking on a
    /// pipe; null when nothing has that name.
    /// </summary>
    public SafeFileHandle? OpenFileForReading(string name)
    {
        CheckName(name);
        var fd = Libc.OpenAt(
            Handle,
            name,
            Libc.OpenReadOnly
                | Libc.OpenNoFollow
                | Libc.OpenNonBlocking
                | Libc.OpenCloseOnExec
                | Libc.OpenNoControllingTerminal,
            0
        );
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Libc.LastError;
        if (errno == Libc.ErrorNoEntry)
            return null;
        if (errno == Libc.ErrorLoop)
            throw new UnsafePathException($"'{Combine(name)}' is a symbolic link");
        throw new IOException($"cannot open '{Combine(name)}': {Libc.Describe(errno)}");
    }

    /// <summary>Removes the entry <paramref name="name"/> (a link itself, never its target); false if there was none.</summary>
    public bool DeleteFile(string name)
    {
        CheckName(name);
        if (Libc.UnlinkAt(Handle, name, 0) == 0)
            return true;
        var errno = Libc.LastError;
        return errno == Libc.ErrorNoEntry
            ? false
            : throw new IOException($"cannot delete '{Combine(name)}': {Libc.Describe(errno)}");
    }

    public FileIdentity Identity() =>
        FileIdentity.Of(Handle, "") ?? throw new IOException($"'{Path}' is gone");

    public void SetMode(UnixFileMode mode) => SetMode(Handle, mode);

    private static void SetMode(SafeFileHandle handle, UnixFileMode mode)
    {
        if (Libc.Fchmod(handle, (uint)mode) != 0)
            throw new IOException($"fchmod failed: {Libc.Describe(Libc.LastError)}");
    }

    private string Describe(string name) => FileIdentity.Of(Handle, name)?.Describe() ?? "gone";

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
            throw new ArgumentException($"'{name}' is not a single file name", nameof(name));
    }

    public void Dispose() => Handle.Dispose();
}
