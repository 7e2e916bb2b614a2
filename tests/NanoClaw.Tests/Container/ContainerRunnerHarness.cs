using Microsoft.Extensions.Logging.Abstractions;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runners.Container;
using NanoClaw.Runners.Processes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

/// <summary>A <see cref="ContainerRunner"/> on real podman, without the daemon, in a temp project folder.</summary>
internal sealed class ContainerRunnerHarness : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly SpawnThread _spawnThread = new();

    public ContainerRunnerHarness(
        long maxOutputBytes = 10 * 1024 * 1024,
        string? allowlistPath = null,
        string image = Podman.TestImage,
        JobsFile? jobs = null,
        string? user = null,
        IReadOnlyList<string>? capAdd = null
    )
    {
        Options = new NanoClawOptions
        {
            KillGracePeriod = TimeSpan.FromSeconds(1),
            Container = new ContainerRunnerOptions
            {
                Runtime = "podman",
                Image = image,
                MaxOutputBytes = maxOutputBytes,
                MountAllowlistPath = allowlistPath ?? _dir.Combine("no-allowlist.json"),
                User = user,
                CapAdd = capAdd,
            },
        };
        Paths = NanoClawPaths.From(Options, _dir.Path);
        Runner = new ContainerRunner(
            new ProcessLauncher(_spawnThread),
            new ContainerRuntime(Options),
            Options,
            Paths,
            jobs ?? new JobsFile(),
            NullLogger<ContainerRunner>.Instance
        );
    }

    public NanoClawOptions Options { get; }
    public NanoClawPaths Paths { get; }
    public ContainerRunner Runner { get; }

    /// <summary>The project folder: data, groups and the jobs file live here.</summary>
    public string ProjectDir => _dir.Path;

    public RunRequest Request(
        GroupDefinition group,
        IReadOnlyList<string>? command,
        TimeSpan? timeout = null
    )
    {
        var runId = Guid.CreateVersion7().ToString("N");
        return new RunRequest
        {
            RunId = runId,
            TaskId = "t",
            Group = group,
            Command = command,
            StdinJson = "{}",
            Environment = new Dictionary<string, string> { ["PATH"] = "/bin" },
            GroupDir = Paths.GroupDir(group.Name),
            GlobalDir = Paths.GlobalDir,
            IpcDir = Paths.IpcDir(group.Name),
            LogPath = Path.Combine(Paths.GroupLogsDir(group.Name), $"{runId}.log"),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    public static GroupDefinition Group(
        string name,
        ContainerSettings? container = null,
        bool isMain = false
    ) =>
        new()
        {
            Name = name,
            IsMain = isMain,
            Container = container,
        };

    public void Dispose()
    {
        _spawnThread.Dispose();
        _dir.Dispose();
    }
}
