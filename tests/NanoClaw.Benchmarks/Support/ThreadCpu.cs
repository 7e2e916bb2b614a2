using System.Globalization;

namespace NanoClaw.Benchmarks.Support;

/// <summary>
/// CPU time of a process's threads by name, from <c>/proc/PID/task/TID/stat</c>: what the .NET
/// runtime's own threads (the tiered compiler's background worker) spent beside the work measured.
/// </summary>
public static class ThreadCpu
{
    /// <summary>The runtime's background re-JIT thread ("<c>.NET Tiered Compilation Worker</c>", cut to 15 characters by the kernel).</summary>
    public const string TieredCompilation = ".NET Tiered Com";

    /// <summary>Each living thread whose name starts with <paramref name="namePrefix"/>, by thread id, with its CPU time.</summary>
    public static IReadOnlyDictionary<int, TimeSpan> Read(int pid, string namePrefix)
    {
        var threads = new Dictionary<int, TimeSpan>();
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (DirectoryNotFoundException)
        {
            return threads;
        }
        foreach (var task in tasks)
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue; // the thread ended between the listing and the read
            }
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            if (!name.StartsWith(namePrefix, StringComparison.Ordinal))
                continue;
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks =
                long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
            threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                TimeSpan.FromMilliseconds(ticks * 10);
        }
        return threads;
    }

    /// <summary>
    /// What the named threads used between two readings. A thread that ended in between is missing
    /// from the second reading and its part is lost, so this is at least what they used.
    /// </summary>
    public static TimeSpan Between(
        IReadOnlyDictionary<int, TimeSpan> before,
        IReadOnlyDictionary<int, TimeSpan> after
    )
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var used = TimeSpan.Zero;
        foreach (var (tid, cpu) in after)
            used += cpu - (before.TryGetValue(tid, out var earlier) ? earlier : TimeSpan.Zero);
        return used;
    }
}
