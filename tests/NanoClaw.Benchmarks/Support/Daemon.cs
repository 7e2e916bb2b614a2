using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NanoClaw.Benchmarks.Support;

/// <summary>The real <c>nanoclaw</c> apphost started as a process in a workspace, its output kept.</summary>
public sealed class Daemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private Daemon(Process process, Stopwatch sinceStart)
    {
        _process = process;
        SinceStart = sinceStart;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "nanoclaw");

    public int Pid => _process.Id;

    /// <summary>Runs from just before the process was started.</summary>
    public Stopwatch SinceStart { get; }

    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    /// <param name="workDir">The workspace the daemon runs in.</param>
    /// <param name="path">The daemon's PATH, when it must differ from the harness's.</param>
    /// <param name="executable">Another build's <c>nanoclaw</c> apphost, to compare two builds.</param>
    /// <param name="environment">Variables set for the daemon alone (a runtime setting to compare).</param>
    public static Daemon Start(
        string workDir,
        string? path = null,
        string? executable = null,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var info = new ProcessStartInfo(executable ?? ExecutablePath)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        if (path is not null)
            info.Environment["PATH"] = path;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        var process =
            Process.Start(info) ?? throw new InvalidOperationException("nanoclaw did not start");
        return new Daemon(process, clock);
    }

    /// <summary>Waits for the "NanoClaw ready" line; returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        await WaitForOutputAsync("NanoClaw ready", timeout);
        return SinceStart.Elapsed;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return;
            if (_process.HasExited)
                break;
            await Task.Delay(10);
        }
        throw new TimeoutException(
            $"The daemon never printed '{text}' (exited: {_process.HasExited}). Output:\n{Output}"
        );
    }

    /// <summary>VmRSS and VmHWM (peak) of the daemon, in MiB.</summary>
    public Memory ReadMemory()
    {
        double rss = 0,
            peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = KiB(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = KiB(line) / 1024.0;
        }
        return new Memory(rss, peak);
    }

    /// <summary>CPU time the daemon's own threads have used (not its children's).</summary>
    public TimeSpan ReadCpuTime() => ProcessCpu.Read(Pid);

    /// <summary>SIGTERM and wait: the daemon's ordinary stop.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (
            var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])
        )
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private static long KiB(string line) =>
        long.Parse(
            line.Split(':', 2)[1].Trim().Split(' ')[0],
            NumberStyles.Integer,
            CultureInfo.InvariantCulture
        );

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public readonly record struct Memory(double RssMiB, double PeakMiB);
}
