using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NanoClaw.Files;

/// <summary>
/// The few libc calls .NET does not offer: path lookups relative to a directory the daemon holds
/// open, with links refused, and changes made through an open descriptor rather than a path, so a
/// folder an agent can write to never steers where the daemon reads or writes.
/// </summary>
internal static partial class Libc
{
    public const int OpenReadOnly = 0;
    public const int OpenWriteOnly = 1;
    public const int OpenCreate = 0x40;
    public const int OpenExclusive = 0x80;
    public const int OpenNoControllingTerminal = 0x100;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;

    /// <summary><c>O_PATH</c>: a descriptor that only names an object, so it needs no read access to it.</summary>
    public const int OpenPathOnly = 0x200000;

    // The two flags used here whose values differ between Linux architectures: arm and arm64
    // define their own, x86-64 uses the asm-generic ones. Every caller takes them from here.
    public static readonly int OpenDirectory = IsArm ? 0x4000 : 0x10000;
    public static readonly int OpenNoFollow = IsArm ? 0x8000 : 0x20000;

    public const int AtRemoveDir = 0x200;
    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;

    public const int ErrorNoEntry = 2;
    public const int ErrorExists = 17;
    public const int ErrorNotDirectory = 20;
    public const int ErrorLoop = 40;

    private static bool IsArm =>
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    [LibraryImport(
        "libc",
        EntryPoint = "open",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport(
        "libc",
        EntryPoint = "openat",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int OpenAt(SafeFileHandle dir, string name, int flags, uint mode);

    [LibraryImport(
        "libc",
        EntryPoint = "mkdirat",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int MkdirAt(SafeFileHandle dir, string name, uint mode);

    [LibraryImport(
        "libc",
        EntryPoint = "unlinkat",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int UnlinkAt(SafeFileHandle dir, string name, int flags);

    [LibraryImport(
        "libc",
        EntryPoint = "renameat",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int RenameAt(
        SafeFileHandle fromDir,
        string from,
        SafeFileHandle toDir,
        string to
    );

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(SafeFileHandle fd, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int Fchown(SafeFileHandle fd, uint uid, uint gid);

    [LibraryImport(
        "libc",
        EntryPoint = "statx",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static unsafe partial int Statx(
        SafeFileHandle dir,
        string name,
        int flags,
        uint mask,
        byte* buffer
    );

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
