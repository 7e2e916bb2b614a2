using System.Diagnostics;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// What the machine can do without NanoClaw: serial <c>Process.Start</c> of <c>/bin/true</c>, and of
/// the same command under the run supervisor chain (setpriv → setsid → sh → true, stdio redirected),
/// which every host run pays and which bounds the runs per second any scheduler could reach here.
/// </summary>
public static class SpawnBaseline
{
    public static double RawTrueRate(int samples) =>
        Rate(samples, () => new ProcessStartInfo("/bin/true") { UseShellExecute = false });

    public static double SupervisedTrueRate(int samples) => Rate(samples, SupervisedTrue);

    /// <summary>The supervisor chain started from one thread per core: the most any scheduler could do here.</summary>
    public static double ParallelSupervisedTrueRate(int samples)
    {
        var threads = Environment.ProcessorCount;
        var clock = Stopwatch.StartNew();
        Parallel.For(
            0,
            threads,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            _ =>
            {
                for (var i = 0; i < samples / threads; i++)
                    StartAndWait(SupervisedTrue());
            }
        );
        return samples / threads * threads / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts <paramref name="count"/> processes at once from one thread per core, as a burst of
    /// simultaneous runs needs, and measures until the last of them had been started (not finished);
    /// the median over <paramref name="bursts"/> bursts, each on a machine left idle for a moment.
    /// </summary>
    public static double BurstStartMilliseconds(int count, int bursts, bool supervised)
    {
        var times = new List<double>();
        for (var b = 0; b < bursts; b++)
        {
            var started = new Process[count];
            var next = -1;
            var clock = Stopwatch.StartNew();
            Parallel.For(
                0,
                Environment.ProcessorCount,
                _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                        started[i] = Process.Start(
                            supervised
                                ? SupervisedTrue()
                                : new ProcessStartInfo("/bin/true") { UseShellExecute = false }
                        )!;
                }
            );
            times.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var process in started)
            {
                if (supervised)
                    process.StandardInput.Close();
                process.WaitForExit();
                process.Dispose();
            }
            Thread.Sleep(200);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static ProcessStartInfo SupervisedTrue()
    {
        var argv = Supervisor.Wrap(["/bin/true"]);
        var info = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in argv.Skip(1))
            info.ArgumentList.Add(arg);
        return info;
    }

    private static double Rate(int samples, Func<ProcessStartInfo> info)
    {
        // A few warm-up starts so the first-call costs of Process are not in the figure.
        for (var i = 0; i < 5; i++)
            StartAndWait(info());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
            StartAndWait(info());
        return samples / clock.Elapsed.TotalSeconds;
    }

    private static void StartAndWait(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        if (info.RedirectStandardInput)
            process.StandardInput.Close();
        process.WaitForExit();
    }
}
