using System.Globalization;

namespace NanoClaw.Tests.TestSupport;

/// <summary>What /proc says about processes a test started indirectly (a run's children).</summary>
public static class ProcessTable
{
    /// <summary>Alive means it exists and is not a zombie waiting for its new parent to reap it.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state is the first field after the parenthesised command name.
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        // A process that exits between the open and the read makes the read fail with ESRCH, an
        // IOException of its own: gone all the same.
        catch (IOException)
        {
            return false;
        }
    }

    public static Task WaitUntilGoneAsync(int pid, TimeSpan timeout) =>
        Eventually.TrueAsync(() => !IsAlive(pid), timeout, $"process {pid} is still running");

    /// <summary>The inodes a process watches with inotify, from its <c>/proc/PID/fdinfo</c> (hexadecimal, as the kernel prints them).</summary>
    public static IReadOnlyList<string> InotifyWatchedInodes(int pid) =>
        [
            .. Directory
                .GetFiles($"/proc/{pid}/fdinfo")
                .SelectMany(ReadLinesIfStillOpen)
                .Where(line => line.StartsWith("inotify wd:", StringComparison.Ordinal))
                .Select(line =>
                    line.Split(' ').Single(f => f.StartsWith("ino:", StringComparison.Ordinal))[4..]
                ),
        ];

    private static IEnumerable<string> ReadLinesIfStillOpen(string fdinfo)
    {
        try
        {
            return File.ReadAllLines(fdinfo);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // The descriptor was closed between listing and reading.
            return [];
        }
    }

    /// <summary>
    /// Shell text that writes the host's process id of the current shell to the file named after it.
    /// A host run has a PID namespace of its own, where <c>$$</c> and <c>$!</c> are its own numbers;
    /// <c>/proc</c> is still the host's, so <c>/proc/self</c> names the host's id.
    /// </summary>
    public const string WriteHostPid = "read -r hostpid _ < /proc/self/stat; echo $hostpid >";

    /// <summary>Shell text that starts <c>sleep SECONDS</c> in the background and writes its host process id to <paramref name="pidFile"/>.</summary>
    public static string BackgroundSleep(int seconds, string pidFile) =>
        $"sh -c '{WriteHostPid} {pidFile}; exec sleep {seconds}' &";

    public static int ReadPid(string path) =>
        int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
}
