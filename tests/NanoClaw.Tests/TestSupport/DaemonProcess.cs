using System.Diagnostics;
using System.Text;

namespace NanoClaw.Tests.TestSupport;

/// <summary>The real <c>nanoclaw</c> executable started as a process in a workspace folder.</summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "nanoclaw");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    public static DaemonProcess Start(
        string workDir,
        IReadOnlyDictionary<string, string>? environment = null,
        params string[] args
    ) => StartProgram(ExecutablePath, workDir, environment, args);

    /// <summary>Starts another copy of the program, e.g. one installed as a .NET tool.</summary>
    public static DaemonProcess StartProgram(
        string program,
        string workDir,
        IReadOnlyDictionary<string, string>? environment,
        params string[] args
    )
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        return new DaemonProcess(
            Process.Start(info) ?? throw new InvalidOperationException("nanoclaw did not start")
        );
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return;
            if (_process.HasExited)
                break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail(
            $"Daemon output never contained '{text}' (exited: {_process.HasExited}). Output:\n{Output}"
        );
    }

    /// <summary>
    /// A generous wait: four test classes start daemons at once on two cores, and a start that is
    /// slow under that load is not what these tests test.
    /// </summary>
    public Task WaitUntilStartedAsync() =>
        WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(60));

    /// <summary>SIGTERM, then the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Signal("TERM");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL: the daemon gets no chance to clean up, as in a crash.</summary>
    public async Task CrashAsync()
    {
        Signal("KILL");
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGSTOP for <paramref name="stall"/>, then SIGCONT: the daemon freezes, as on a starved machine.</summary>
    public async Task StallAsync(TimeSpan stall)
    {
        Signal("STOP");
        try
        {
            await Task.Delay(stall, TestContext.Current.CancellationToken);
        }
        finally
        {
            Signal("CONT");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cts.CancelAfter(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(
            "kill",
            ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
        );
        kill.WaitForExit();
    }

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
}
