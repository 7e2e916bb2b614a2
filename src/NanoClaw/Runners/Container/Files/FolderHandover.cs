using NanoClaw.Files;
using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container.Files;

/// <summary>
/// Makes a run's writable folders (its group folder and IPC folder) writable for its container user,
/// and keeps their parents closed to other local users.
/// </summary>
/// <remarks>
/// Only the folder itself changes owner: what is inside belongs to the run and is never walked, so
/// no link a run left can redirect the change. The folder is opened without following a link at its
/// last part and changed through that descriptor, so a link swapped in for it is refused, not followed.
/// Its parent stays the daemon's, so the run cannot replace the folder itself.
/// </remarks>
internal static class FolderHandover
{
    private const uint OwnerAll = 0x1C0; // 0700
    private const uint OthersAll = 0x7; // 0007

    /// <summary>Gives <paramref name="path"/> to the user unless it already owns it.</summary>
    public static void GiveTo(string path, ContainerUser user)
    {
        using var folder = NoFollowPath.OpenFolderForChange(path);
        var identity = FileIdentity.Of(folder);
        if (identity.Uid == user.Uid)
            return;
        if (Libc.Fchown(folder, user.Uid, user.Gid) != 0)
            throw NativeError.For($"chown {user}", path);
        if ((identity.Permissions & OwnerAll) != OwnerAll)
            if (Libc.Fchmod(folder, identity.Permissions | OwnerAll) != 0)
                throw NativeError.For("chmod", path);
    }

    /// <summary>
    /// Takes every permission of other users off a folder the daemon owns. A run can leave a file with
    /// its own set-user-id bit in its folder (the kernel lets an owner set it); closed parents keep every
    /// other local user from reaching, and so running, such a file.
    /// </summary>
    public static void CloseToOthers(string path)
    {
        using var folder = NoFollowPath.OpenFolderForChange(path);
        var identity = FileIdentity.Of(folder);
        if ((identity.Permissions & OthersAll) == 0 || identity.Uid != Libc.GetEffectiveUserId())
            return;
        if (Libc.Fchmod(folder, identity.Permissions & ~OthersAll) != 0)
            throw NativeError.For("chmod", path);
    }
}
