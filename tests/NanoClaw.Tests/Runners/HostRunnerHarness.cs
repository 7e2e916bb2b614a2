using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runners.Host;
using NanoClaw.Runners.Host.Sandbox;
using NanoClaw.Runners.Processes;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runners;

/// <summary>
/// A <see cref="HostRunner"/> put together as the daemon's container does (one spawn thread, one
/// launcher; the bubblewrap sandbox only when asked for), with requests made by the daemon's own
/// <see cref="RunRequestFactory"/>.
/// </summary>
internal sealed class HostRunnerHarness : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly SpawnThread _spawnThread = new();
    private readonly RunRequestFactory _requests;

    public HostRunnerHarness(
        int maxRecordedOutputBytes = 64 * 1024,
        long maxLogFileBytes = 0,
        bool sandbox = false
    )
    {
        Options = new NanoClawOptions
        {
            ExecutionMode = ExecutionMode.Host,
            KillGracePeriod = TimeSpan.FromSeconds(1),
            MaxRecordedOutputBytes = maxRecordedOutputBytes,
            MaxLogFileBytes = maxLogFileBytes,
            Host = new HostRunnerOptions { Sandbox = sandbox },
        };
        Paths = NanoClawPaths.From(Options, _dir.Path);
        _requests = new RunRequestFactory(Options, Paths);
        Runner = new HostRunner(
            new ProcessLauncher(_spawnThread),
            Options,
            sandbox ? [new BubblewrapSandbox(Options, Paths)] : []
        );
    }

    public NanoClawOptions Options { get; }
    public NanoClawPaths Paths { get; }
    public HostRunner Runner { get; }

    public static GroupDefinition Main { get; } = new() { Name = "main", IsMain = true };

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public RunRequest Request(
        TaskDefinition task,
        TimeSpan? timeout = null,
        string? sessionId = null,
        GroupDefinition? group = null
    ) =>
        _requests.Create(
            new RunPlan
            {
                RunId = "run-" + Guid.NewGuid().ToString("N")[..8],
                Group = group ?? Main,
                Task = task,
                TimeoutOverride = timeout,
                Trigger = RunTrigger.Schedule,
                ScheduledAt = DateTimeOffset.UtcNow,
            },
            ExecutionMode.Host,
            sessionId,
            DateTimeOffset.UtcNow
        );

    /// <summary>An ad hoc <c>exec</c> run: a command in a group, no task.</summary>
    public RunRequest ExecRequest(GroupDefinition group, params string[] command) =>
        _requests.Create(
            new RunPlan
            {
                RunId = "run-" + Guid.NewGuid().ToString("N")[..8],
                Group = group,
                Command = command,
                Trigger = RunTrigger.Manual,
                ScheduledAt = DateTimeOffset.UtcNow,
            },
            ExecutionMode.Host,
            null,
            DateTimeOffset.UtcNow
        );

    public static TaskDefinition Task(params string[] command) =>
        new()
        {
            Id = "t",
            Group = "main",
            Command = command,
        };

    public static TaskDefinition Shell(string script) => Task("sh", "-c", script);

    /// <summary>Runs <c>sh -c <paramref name="script"/></c> as a task of the main group.</summary>
    public Task<RunOutcome> ShellAsync(string script, TimeSpan? timeout = null) =>
        Runner.RunAsync(
            Request(Shell(script), timeout ?? TimeSpan.FromSeconds(30)),
            TestContext.Current.CancellationToken
        );

    public void Dispose()
    {
        _spawnThread.Dispose();
        _dir.Dispose();
    }
}
