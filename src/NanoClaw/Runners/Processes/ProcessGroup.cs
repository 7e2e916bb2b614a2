using System.Runtime.InteropServices;

namespace NanoClaw.Runners.Processes;

/// <summary>Signals a run's whole process group: every run is the leader of its own session.</summary>
internal static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to the group led by <paramref name="leaderPid"/>; false if it is gone.</summary>
    public static bool Signal(int leaderPid, int signal) =>
        OperatingSystem.IsWindows() ? false : Kill(-leaderPid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
