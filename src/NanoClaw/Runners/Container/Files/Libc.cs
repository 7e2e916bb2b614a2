using System.Runtime.InteropServices;

namespace NanoClaw.Runners.Container.Files;

/// <summary>The few Linux calls that work on open folders rather than on paths, so no symbolic link is followed between a check and its use.</summary>
internal static partial class Libc
{
    public const int ENOENT = 2;
    public const int ELOOP = 40;
    public const int ENOTDIR = 20;
    public const int AT_FDCWD = -100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;

    // The two flags whose values differ between architectures (asm-generic vs x86).
    public static int O_DIRECTORY => IsArm ? 0x4000 : 0x10000;
    public static int O_NOFOLLOW => IsArm ? 0x8000 : 0x20000;

    private static bool IsArm =>
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    [LibraryImport(
        "libc",
        EntryPoint = "openat",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static partial int OpenAt(int dirFd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(
        "libc",
        EntryPoint = "statx",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    public static unsafe partial int Statx(
        int dirFd,
        string path,
        int flags,
        uint mask,
        byte* buffer
    );

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int Fchown(int fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint Getegid();
}
