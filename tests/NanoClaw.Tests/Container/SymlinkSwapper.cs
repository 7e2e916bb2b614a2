using System.Runtime.InteropServices;

namespace NanoClaw.Tests.Container;

/// <summary>
/// What a hostile run does to a mount's path: atomically exchanges a real folder with a link to a
/// blocked one (renameat2 RENAME_EXCHANGE), over and over, until disposed.
/// </summary>
internal sealed partial class SymlinkSwapper : IDisposable
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private readonly string _path;
    private readonly string _other;
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <param name="path">A real folder.</param>
    /// <param name="other">A link to the blocked folder, next to it.</param>
    public SymlinkSwapper(string path, string other)
    {
        (_path, _other) = (path, other);
        _thread = new Thread(Loop) { IsBackground = true };
    }

    public long Swaps { get; private set; }

    public static void Exchange(string a, string b)
    {
        if (Renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchange) != 0)
            throw new IOException($"renameat2 failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Start() => _thread.Start();

    private void Loop()
    {
        while (!_stop)
        {
            Exchange(_path, _other);
            Swaps++;
            // Some time in each state, so checks and mounts see either.
            Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3)));
        }
    }

    /// <summary>Stops with the real folder back at its path.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        if (Swaps % 2 == 1)
            Exchange(_path, _other);
    }

    [LibraryImport(
        "libc",
        EntryPoint = "renameat2",
        SetLastError = true,
        StringMarshalling = StringMarshalling.Utf8
    )]
    private static partial int Renameat2(
        int oldDirFd,
        string oldPath,
        int newDirFd,
        string newPath,
        uint flags
    );
}
