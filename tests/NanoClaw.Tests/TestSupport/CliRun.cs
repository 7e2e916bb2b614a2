using System.Diagnostics;

namespace NanoClaw.Tests.TestSupport;

/// <summary>One finished invocation of the real <c>nanoclaw</c> executable, its streams kept apart.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(string workDir, params string[] args)
    {
        var info = new ProcessStartInfo(DaemonProcess.ExecutablePath)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process =
            Process.Start(info) ?? throw new InvalidOperationException("nanoclaw did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
