using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NanoClaw.Files;

/// <summary>
/// What <c>statx(2)</c> says about a file: its device and inode (the same object wherever it is
/// mounted or however it is renamed), type, mode, owner and link count.
/// </summary>
internal readonly record struct FileIdentity(
    uint DevMajor,
    uint DevMinor,
    ulong Inode,
    uint Mode,
    uint Uid,
    uint Gid,
    uint LinkCount
)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint DirectoryType = 0x4000;
    private const uint LinkType = 0xA000;

    public bool IsRegularFile => (Mode & TypeMask) == RegularType;
    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;
    public bool IsSymbolicLink => (Mode & TypeMask) == LinkType;
    public bool IsOwnedByUs => Uid == Libc.GetEffectiveUserId();

    /// <summary>The permission bits with set-id and sticky bits.</summary>
    public uint Permissions => Mode & 0xFFF;

    public bool IsSameObject(FileIdentity other) =>
        DevMajor == other.DevMajor && DevMinor == other.DevMinor && Inode == other.Inode;

    /// <summary>Reads the identity of the open file <paramref name="handle"/> itself (a link, if it is one).</summary>
    public static FileIdentity Of(SafeFileHandle handle) =>
        Of(handle, "") ?? throw new IOException("statx of an open file found nothing");

    /// <summary>Reads the identity of what <paramref name="name"/> names in <paramref name="dir"/> (empty: the handle itself), never following a link.</summary>
    public static unsafe FileIdentity? Of(SafeFileHandle dir, string name)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(name);
        // struct statx is the same on every architecture: 256 bytes, fields at fixed offsets,
        // in the machine's own byte order.
        const uint basicStats = 0x7FF;
        var buffer = stackalloc byte[256];
        var flags = Libc.AtSymlinkNoFollow | (name.Length == 0 ? Libc.AtEmptyPath : 0);
        if (Libc.Statx(dir, name, flags, basicStats, buffer) != 0)
        {
            var errno = Libc.LastError;
            return errno == Libc.ErrorNoEntry
                ? null
                : throw new IOException($"statx '{name}' failed: {Libc.Describe(errno)}");
        }
        var stat = new ReadOnlySpan<byte>(buffer, 256);
        return new FileIdentity(
            DevMajor: MemoryMarshal.Read<uint>(stat[136..]),
            DevMinor: MemoryMarshal.Read<uint>(stat[140..]),
            Inode: MemoryMarshal.Read<ulong>(stat[32..]),
            Mode: MemoryMarshal.Read<ushort>(stat[28..]),
            Uid: MemoryMarshal.Read<uint>(stat[20..]),
            Gid: MemoryMarshal.Read<uint>(stat[24..]),
            LinkCount: MemoryMarshal.Read<uint>(stat[16..])
        );
    }

    public string Describe() =>
        IsSymbolicLink ? "a symbolic link"
        : IsDirectory ? "a folder"
        : IsRegularFile ? "a file"
        : "a special file";
}
