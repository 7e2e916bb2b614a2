using System.Globalization;

namespace NanoClaw.Benchmarks.Support;

/// <summary>
/// CPU time a process's own threads have used (user and system; not its children's), from
/// <c>/proc/PID/stat</c>, whose clock ticks are 1/100 s on Linux.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks =
            long.Parse(fields[11], CultureInfo.InvariantCulture)
            + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
