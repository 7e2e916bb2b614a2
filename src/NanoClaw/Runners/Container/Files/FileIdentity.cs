using System.Buffers.Binary;

namespace NanoClaw.Runners.Container.Files;

/// <summary>What an open file is: its device and inode (the same object wherever it is mounted), type, mode and owner.</summary>
internal readonly record struct FileIdentity(
    uint DevMajor,
    uint DevMinor,
    ulong Inode,
    uint Mode,
    uint Uid,
    uint Gid
)
{
    private const uint TypeMask = 0xF000;
    private const uint DirectoryType = 0x4000;
    private const uint LinkType = 0xA000;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;
    public bool IsSymbolicLink => (Mode & TypeMask) == LinkType;

    /// <summary>The permission bits with set-id and sticky bits.</summary>
    public uint Permissions => Mode & 0xFFF;

    public bool IsSameObject(FileIdentity other) =>
        DevMajor == other.DevMajor && DevMinor == other.DevMinor && Inode == other.Inode;

    /// <summary>statx(2) of the open descriptor itself; its layout is the same on every architecture.</summary>
    public static unsafe FileIdentity Of(FolderHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        const uint basicStats = 0x7ff;
        var buffer = stackalloc byte[256];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (
                Libc.Statx(
                    (int)handle.DangerousGetHandle(),
                    "",
                    Libc.AT_EMPTY_PATH | Libc.AT_SYMLINK_NOFOLLOW,
                    basicStats,
                    buffer
                ) != 0
            )
                throw NativeError.For("statx", handle.Path);
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
        var span = new ReadOnlySpan<byte>(buffer, 256);
        return new FileIdentity(
            DevMajor: BinaryPrimitives.ReadUInt32LittleEndian(span[136..]),
            DevMinor: BinaryPrimitives.ReadUInt32LittleEndian(span[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(span[28..]),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(span[20..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(span[24..])
        );
    }
}
