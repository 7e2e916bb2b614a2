using System.Globalization;
using Microsoft.Win32.SafeHandles;
using NanoClaw.Files;
using NanoClaw.Runners.Container.Files;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// The checked mounts, each held open from the moment its resolved path was checked. The runtime
/// mounts by path; once it has mounted (before the run's process starts), what it mounted is compared
/// with what is held by device and inode, so a folder swapped in between is never run against.
/// </summary>
internal sealed class PinnedMounts : IDisposable
{
    private readonly List<(
        ResolvedMount Mount,
        SafeFileHandle Handle,
        FileIdentity Identity
    )> _pins;

    private PinnedMounts(
        List<(ResolvedMount Mount, SafeFileHandle Handle, FileIdentity Identity)> pins
    ) => _pins = pins;

    public int Count => _pins.Count;

    /// <summary>Opens every resolved path without following any link (a resolved path has none).</summary>
    /// <exception cref="IOException">A path changed since it was resolved.</exception>
    public static PinnedMounts Open(IReadOnlyList<ResolvedMount> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var pins = new List<(ResolvedMount, SafeFileHandle, FileIdentity)>();
        try
        {
            foreach (var mount in mounts)
            {
                var handle = NoFollowPath.Open(mount.HostPath);
                pins.Add((mount, handle, FileIdentity.Of(handle)));
            }
            return new PinnedMounts(pins);
        }
        catch
        {
            foreach (var (_, handle, _) in pins)
                handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Null when every mount of the created container (whose first process is <paramref name="pid"/>,
    /// not yet running the command) is the object that was checked; otherwise what differs.
    /// </summary>
    public string? Verify(int pid)
    {
        if (_pins.Count == 0)
            return null;
        var rootPath = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/root");
        SafeFileHandle root;
        try
        {
            // The one link followed on purpose: the container's own root.
            root = NoFollowPath.OpenRoot(rootPath);
        }
        catch (IOException ex)
        {
            return $"the container's mounts could not be inspected: {ex.Message}";
        }
        using (root)
        {
            foreach (var (mount, _, expected) in _pins)
            {
                try
                {
                    using var mounted = NoFollowPath.OpenBelow(
                        root,
                        mount.ContainerPath.TrimStart('/'),
                        mount.ContainerPath
                    );
                    if (!FileIdentity.Of(mounted).IsSameObject(expected))
                        return $"'{mount.HostPath}' changed between its check and the mount: '{mount.ContainerPath}' is another folder";
                }
                catch (IOException ex)
                {
                    return $"the mount at '{mount.ContainerPath}' could not be inspected: {ex.Message}";
                }
            }
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var (_, handle, _) in _pins)
            handle.Dispose();
    }
}
