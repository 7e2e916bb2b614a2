using NanoClaw.Runners;

namespace NanoClaw.Files;

/// <summary>
/// The folders a run works in, made before it starts: <c>groups/&lt;group&gt;</c>, <c>groups/global</c>
/// and <c>&lt;data&gt;/ipc/&lt;group&gt;</c>. Each is made through its parent's handle, never through
/// a link, so the daemon's own folder creation cannot be pointed elsewhere.
/// </summary>
internal static class RunFolders
{
    /// <summary>All permission bits: the umask applies, as for any folder a user makes.</summary>
    private const UnixFileMode UserFolderMode = (UnixFileMode)0x1FF;

    /// <summary>Null when the folders are there; otherwise why the run cannot start.</summary>
    public static string? Prepare(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using (
                var groups = DirectoryHandle.OpenConfigured(
                    Path.GetDirectoryName(request.GroupDir)!
                )
            )
            {
                groups
                    .OpenOrCreateChild(Path.GetFileName(request.GroupDir), UserFolderMode)
                    .Dispose();
                // The shared folder is only ever mounted read-only and nothing is written into it:
                // made if missing, without following a link; a link the operator put there is kept.
                if (FileIdentity.Of(groups.Handle, Path.GetFileName(request.GlobalDir)) is null)
                    groups
                        .OpenOrCreateChild(Path.GetFileName(request.GlobalDir), UserFolderMode)
                        .Dispose();
            }
            var ipcRoot = Path.GetDirectoryName(request.IpcDir)!;
            using var data = DirectoryHandle.OpenConfigured(Path.GetDirectoryName(ipcRoot)!);
            using var ipc = data.OpenOrCreateChild(
                Path.GetFileName(ipcRoot),
                FileModes.PrivateDirectory
            );
            ipc.SetMode(FileModes.PrivateDirectory);
            // The group's own IPC folder keeps whatever owner and mode it was given: runs under another
            // user reach it through a bind mount, which needs no way through its private parents.
            using var groupIpc = ipc.OpenOrCreateChild(
                Path.GetFileName(request.IpcDir),
                UserFolderMode
            );
            PrepareIpcFolders(groupIpc);
            return null;
        }
        catch (UnsafePathException ex)
        {
            return $"the run's folders are not safe to use: {ex.Message}; make it a real folder";
        }
    }

    /// <summary>The folders a run asks and is answered in (contract §5), inside its IPC folder.</summary>
    public static readonly IReadOnlyList<string> IpcFolders = ["requests", "responses"];

    /// <summary>
    /// Made if missing. The IPC folder is the run's own: a link it left in place of one of them is
    /// not followed, and refused by the IPC service (which says so); the run itself still starts.
    /// </summary>
    private static void PrepareIpcFolders(DirectoryHandle groupIpc)
    {
        foreach (var name in IpcFolders)
        {
            try
            {
                groupIpc.OpenOrCreateChild(name, UserFolderMode).Dispose();
            }
            catch (UnsafePathException) { }
        }
    }
}
