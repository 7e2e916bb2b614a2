using System.Diagnostics;

namespace NanoClaw.Tests.TestSupport;

/// <summary>The real CLI with a pseudo-terminal (util-linux <c>script</c>) as its stdout, as a person at a terminal runs it.</summary>
public static class Terminal
{
    public static async Task<string> RunCliAsync(string script, Workspace workspace, string args)
    {
        var info = new ProcessStartInfo(script)
        {
            WorkingDirectory = workspace.Path,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-qfc", $"{DaemonProcess.ExecutablePath} {args}", "/dev/null" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(
            TestContext.Current.CancellationToken
        );
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(
            process.ExitCode == 0,
            $"'{args}' on a terminal: exit {process.ExitCode}\n{output}"
        );
        return output;
    }
}
