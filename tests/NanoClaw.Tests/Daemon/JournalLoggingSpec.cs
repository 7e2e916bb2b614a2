using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>Console logging when systemd connects the daemon's output to the journal.</summary>
public sealed class JournalLoggingSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Under_the_journal_console_lines_carry_their_priority_and_no_timestamp()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("quick", "main", "true")
                .ToString()
        );
        // systemd sets JOURNAL_STREAM to the journal's "device:inode" for a service's output.
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string>
            {
                ["JOURNAL_STREAM"] = "8:12345",
                // Something that warns at start: an unreachable notify socket.
                ["NOTIFY_SOCKET"] = workspace.Combine("nobody.sock"),
            }
        );
        await daemon.WaitUntilStartedAsync();
        await daemon.TerminateAsync(TimeSpan.FromSeconds(30));
        var lines = daemon.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(lines, l => l.StartsWith("<6>NanoClaw ready", StringComparison.Ordinal));
        Assert.Contains(
            lines,
            l => l.StartsWith("<4>Could not tell the service manager", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(lines, l => l.StartsWith('['));
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
        // The JSON log file is the same as ever.
        var logFile = Assert.Single(Directory.GetFiles(Path.Combine(workspace.DataDir, "logs")));
        Assert.DoesNotContain(
            "JournalPriority",
            await File.ReadAllTextAsync(logFile, TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
    }
}
