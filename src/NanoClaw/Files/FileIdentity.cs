namespace NanoClaw.Files;

/// <summary>What <c>statx(2)</c> says about an open file: its type, permission bits, owner and link count.</summary>
internal readonly record struct FileIdentity(
    uint TypeBits,
    UnixFileMode Mode,
    uint OwnerId,
    uint LinkCount
)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint DirectoryType = 0x4000;
    private const uint LinkType = 0xA000;

    public bool IsRegularFile => TypeBits == RegularType;
    public bool IsDirectory => TypeBits == DirectoryType;
    public bool IsSymbolicLink => TypeBits == LinkType;
    public bool IsOwnedByUs => OwnerId == Libc.GetEffectiveUserId();

    /// <summary>Reads the identity of what <paramref name="name"/> names in <paramref name="dir"/> (empty: the handle itself), never following a link.</summary>
    public static unsafe FileIdentity? Of(
        Microsoft.Win32.SafeHandles.SafeFileHandle dir,
        string name
    )
    {
        // struct statx is the same on every architecture: 256 bytes, fields at fixed offsets.
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
        var linkCount = *(uint*)(buffer + 16);
        var ownerId = *(uint*)(buffer + 20);
        var mode = *(ushort*)(buffer + 28);
        return new FileIdentity(
            (uint)(mode & TypeMask),
            (UnixFileMode)(mode & 0xFFF),
            ownerId,
            linkCount
        );
    }

    public string Describe() =>
        IsSymbolicLink ? "a symbolic link"
        : IsDirectory ? "a folder"
        : IsRegularFile ? "a file"
        : "a special file";
}
