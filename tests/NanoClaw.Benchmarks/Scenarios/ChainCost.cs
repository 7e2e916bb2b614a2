using System.Diagnostics;
using System.Globalization;
using NanoClaw.Benchmarks.Support;
using NanoClaw.Runners.Processes;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// R1's chain rows: what the processes in front of a run cost the machine, without a daemon. Each
/// chain is started serially around <c>true</c>, the chains alternating round by round; the CPU is
/// that of the reaped children (<c>cutime</c> + <c>cstime</c> of <c>/proc/self/stat</c>), which a
/// loaded machine moves far less than the wall-clock time.
/// </summary>
public static class ChainCost
{
    /// <summary>A sandboxed run's bubblewrap, with the mounts that matter for its start-up cost.</summary>
    private static string[] Bwrap(string folder) =>
        [
            "/usr/bin/bwrap",
            "--unshare-user",
            "--cap-drop",
            "ALL",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-net",
            "--die-with-parent",
            "--tmpfs",
            "/tmp",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--remount-ro",
            "/proc",
            "--ro-bind",
            "/usr",
            "/usr",
            "--symlink",
            "usr/bin",
            "/bin",
            "--symlink",
            "usr/lib",
            "/lib",
            "--symlink",
            "usr/lib64",
            "/lib64",
            "--bind",
            folder,
            folder,
            "--remount-ro",
            "/",
            "--chdir",
            folder,
            "--",
            "true",
        ];

    public static Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return Task.FromResult(sizes == BenchmarkSizes.Smoke ? Measure(5, 2) : Measure(100, 4));
    }

    public static IReadOnlyList<Result> Measure(int samples, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("nanoclaw-bench-chain-").FullName;
        try
        {
            var chains = new List<(string Name, IReadOnlyList<string> Argv)>
            {
                ("bare /bin/true", ["/bin/true"]),
                (
                    "unsandboxed run: setpriv → setsid → unshare → sh → true",
                    Supervisor.Wrap(["true"], isolatePids: true)
                ),
            };
            if (File.Exists("/usr/bin/bwrap"))
            {
                chains.Add(
                    (
                        "sandboxed run before: setpriv → setsid → unshare → sh → bwrap → true",
                        Supervisor.Wrap(Bwrap(folder), isolatePids: true)
                    )
                );
                chains.Add(
                    (
                        "sandboxed run now: setsid → bwrap → true",
                        Supervisor.Wrap(Bwrap(folder), isContained: true)
                    )
                );
            }
            var figures = chains.ToDictionary(
                c => c.Name,
                _ => new List<(double Wall, double Cpu)>()
            );
            for (var round = 0; round < rounds; round++)
                foreach (var (name, argv) in round % 2 == 0 ? chains : Enumerable.Reverse(chains))
                    figures[name].Add(Time(argv, samples));

            var bare = Median(figures[chains[0].Name].Select(f => f.Cpu));
            return
            [
                .. chains.Select(c =>
                {
                    var wall = Median(figures[c.Name].Select(f => f.Wall));
                    var cpu = Median(figures[c.Name].Select(f => f.Cpu));
                    return new Result(
                        "R1",
                        $"no daemon: {c.Name}, serial, {rounds} alternating rounds of {samples}",
                        $"{F(wall, "0.0")} ms per start, {F(cpu, "0.00")} ms CPU ({F(cpu / bare, "0.0")} × bare)",
                        "context",
                        null
                    );
                }),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Wall, double Cpu) Time(IReadOnlyList<string> argv, int samples)
    {
        var cpuBefore = ChildrenCpuMilliseconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            var info = new ProcessStartInfo(argv[0])
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
            };
            foreach (var arg in argv.Skip(1))
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"'{string.Join(' ', argv)}' exited {process.ExitCode}"
                );
        }
        var wall = clock.Elapsed.TotalMilliseconds / samples;
        return (wall, (ChildrenCpuMilliseconds() - cpuBefore) / samples);
    }

    /// <summary>User and system time of this process's reaped children, in ms (ticks are 1/100 s).</summary>
    private static double ChildrenCpuMilliseconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (
                long.Parse(fields[13], CultureInfo.InvariantCulture)
                + long.Parse(fields[14], CultureInfo.InvariantCulture)
            ) * 10.0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
