using System.Runtime.InteropServices;

namespace NanoClaw.Runners.Container.Files;

/// <summary>An open file descriptor: it names one object however its path changes later.</summary>
internal sealed class FolderHandle : SafeHandle
{
    public FolderHandle(int fd, string path)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
        Path = path;
    }

    /// <summary>The path it was opened by, for messages only.</summary>
    public string Path { get; }

    public int Fd => (int)handle;

    public override bool IsInvalid => handle == new IntPtr(-1);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
