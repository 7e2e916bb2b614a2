using System.Globalization;
using NanoClaw.Configuration;
using NanoClaw.Files;

namespace NanoClaw.Hosting;

/// <summary>
/// One daemon per data directory: a second one on the same SQLite store would run every task twice
/// and break the one-run-per-group guarantee. The lock is the kernel's (flock through
/// <see cref="FileShare.None"/>), so a crashed daemon never leaves it held.
/// </summary>
internal sealed class DaemonLock : IDisposable
{
    private readonly FileStream _file;

    private DaemonLock(FileStream file) => _file = file;

    public static DaemonLock? TryAcquire(NanoClawPaths paths, out string? holder)
    {
        ArgumentNullException.ThrowIfNull(paths);
        PrivateDataDirectory.EnsureFolder(paths.DataDir);
        var path = Path.Combine(paths.DataDir, "daemon.lock");
        try
        {
            var options = PrivateDataDirectory.PrivateCreation(FileMode.OpenOrCreate);
            options.Share = FileShare.None;
            var file = new FileStream(path, options);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
                writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            file.Flush();
            holder = null;
            return new DaemonLock(file);
        }
        catch (IOException)
        {
            holder = ReadHolder(path);
            return null;
        }
    }

    private static string? ReadHolder(string path)
    {
        try
        {
            using var stream = new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite
            );
            using var reader = new StreamReader(stream);
            var pid = reader.ReadToEnd().Trim();
            return pid.Length > 0 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
