using System.Diagnostics;
using System.Reflection;

namespace NanoClaw.Benchmarks.Peers;

/// <summary>
/// A peer scheduler's apphost started on a workload file (or a floor program on its arguments);
/// stopped by closing its stdin.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );
    private readonly System.Text.StringBuilder _output = new();
    private readonly Lock _gate = new();

    private PeerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public TimeSpan ReadCpuTime() => Support.ProcessCpu.Read(Pid);

    /// <summary>The peer's apphost, built next to the harness's own project (its path is stamped in at build time).</summary>
    public static string ExecutablePath(string peer) =>
        typeof(PeerProcess)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == $"Peer{peer}")
            .Value!;

    public static PeerProcess Start(string executable, params string[] arguments)
    {
        if (!File.Exists(executable))
            throw new FileNotFoundException(
                $"The peer scheduler {executable} is not built: build NanoClaw.sln first",
                executable
            );
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return new PeerProcess(
            Process.Start(info)
                ?? throw new InvalidOperationException($"{executable} did not start")
        );
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout)) != _ready.Task)
            throw new TimeoutException(
                $"The peer never printed '{PeerLifetime.ReadyLine}' (exited: {_process.HasExited}). Output:\n{Output}"
            );
    }

    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    /// <summary>Closes stdin (the peer's stop) and waits for it to finish its running jobs and exit.</summary>
    public async Task StopAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            _output.AppendLine(line);
        if (line == PeerLifetime.ReadyLine)
            _ready.TrySetResult();
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
