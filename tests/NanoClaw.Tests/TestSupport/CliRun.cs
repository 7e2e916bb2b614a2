using System.Diagnostics;

namespace NanoClaw.Tests.TestSupport;

/// <summary>One invocation of the real <c>nanoclaw</c> executable, run to its end.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> ExecAsync(
        string workDir,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? program = null
    )
    {
        var info = new ProcessStartInfo(program ?? DaemonProcess.ExecutablePath)
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
        using var process =
            Process.Start(info) ?? throw new InvalidOperationException("nanoclaw did not start");
        process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliRun> RunAsync(string workDir, params string[] args) =>
        ExecAsync(workDir, args);

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
