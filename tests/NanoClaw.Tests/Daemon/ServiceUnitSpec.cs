using NanoClaw.Configuration;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>The shipped systemd unit, <c>src/NanoClaw/Deploy/nanoclaw.service</c>.</summary>
public sealed class ServiceUnitSpec
{
    [Fact(Timeout = 60_000)]
    public async Task The_shipped_unit_passes_systemd_analyze_verify_without_a_warning()
    {
        var analyze = RequireTool.OnPath("systemd-analyze", "apt-get install systemd");
        using var dir = new TempDir();
        // verify checks that ExecStart's program exists: point it at the one these tests built.
        var unit = dir.WriteFile(
            "nanoclaw.service",
            (await File.ReadAllTextAsync(UnitPath, TestContext.Current.CancellationToken)).Replace(
                "/opt/nanoclaw/nanoclaw",
                DaemonProcess.ExecutablePath,
                StringComparison.Ordinal
            )
        );

        var verify = await CliRun.ExecAsync(dir.Path, ["verify", unit], program: analyze);

        Assert.True(verify.ExitCode == 0, $"systemd-analyze verify failed:\n{verify.Stderr}");
        Assert.Equal("", verify.Stderr.Trim());
    }

    [Fact]
    public void The_shipped_unit_waits_for_READY_and_outlasts_the_drain()
    {
        var service = Section(File.ReadAllLines(UnitPath), "Service");
        var defaults = new NanoClawOptions();
        // What the daemon allows itself to stop: the drain, the runs' kill grace, then recording.
        var daemonStop =
            defaults.ShutdownGracePeriod + defaults.KillGracePeriod + TimeSpan.FromSeconds(15);

        Assert.Equal("notify", service["Type"]);
        Assert.Equal("main", service["NotifyAccess"]);
        Assert.Equal("mixed", service["KillMode"]);
        Assert.True(
            TimeSpan.FromSeconds(
                int.Parse(
                    service["TimeoutStopSec"],
                    System.Globalization.CultureInfo.InvariantCulture
                )
            ) > daemonStop,
            $"TimeoutStopSec={service["TimeoutStopSec"]} would kill a daemon still draining ({daemonStop})"
        );
        Assert.Equal("on-failure", service["Restart"]);
        Assert.Equal("2", service["RestartPreventExitStatus"]);
        Assert.Equal("yes", service["NoNewPrivileges"]);
        Assert.Equal("strict", service["ProtectSystem"]);
        Assert.Contains(service["WorkingDirectory"], service["ReadWritePaths"].Split(' '));
        Assert.EndsWith(" serve", service["ExecStart"], StringComparison.Ordinal);
        // The daemon alone compiles once (docs/BENCHMARKS.md, "Idle (I1)"); the CLI keeps tiered start-up.
        Assert.Equal("DOTNET_TieredCompilation=0", service["Environment"]);
        // The JIT needs writable executable memory, and the host sandbox needs namespaces.
        Assert.False(service.ContainsKey("MemoryDenyWriteExecute"));
        Assert.False(service.ContainsKey("RestrictNamespaces"));
    }

    private static string UnitPath =>
        Path.Combine(RepositoryRoot(), "src", "NanoClaw", "Deploy", "nanoclaw.service");

    private static Dictionary<string, string> Section(string[] lines, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                inSection = line == $"[{name}]";
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (inSection && equals > 0)
                Assert.True(
                    values.TryAdd(line[..equals], line[(equals + 1)..]),
                    $"{line[..equals]} is set twice"
                );
        }
        return values;
    }

    private static string RepositoryRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "NanoClaw.sln")))
                return dir.FullName;
        throw new InvalidOperationException(
            "the repository root (NanoClaw.sln) was not found above " + AppContext.BaseDirectory
        );
    }
}
