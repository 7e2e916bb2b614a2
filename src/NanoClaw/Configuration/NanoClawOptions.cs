using NanoClaw.Jobs;

namespace NanoClaw.Configuration;

/// <summary>The <c>NanoClaw</c> configuration section (contract §1). Relative paths resolve against the current directory.</summary>
public sealed class NanoClawOptions
{
    public const string SectionName = "NanoClaw";

    /// <summary>The default for every group and task; <c>container</c> is the safe default.</summary>
    public ExecutionMode ExecutionMode { get; init; } = ExecutionMode.Container;

    /// <summary>Runs executing at once on this node, all groups together: the Quartz thread pool size.</summary>
    public int MaxConcurrentRuns { get; init; } = 4;

    public string DataDirectory { get; init; } = "data";
    public string GroupsDirectory { get; init; } = "groups";
    public string JobsFile { get; init; } = "jobs.json";
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Between SIGTERM and SIGKILL when a run is stopped.</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a SIGTERM'd daemon lets running runs finish before it stops them.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>This node's name in run records and the Quartz instance id.</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>
    /// How long a run record write (start, end, session) is retried before the daemon gives up on the
    /// store: it then takes no firing until the store takes writes again.
    /// </summary>
    public TimeSpan StoreRetryBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How much of each output stream a run record keeps (its tail).</summary>
    public int MaxRecordedOutputBytes { get; init; } = 64 * 1024;

    /// <summary>The most a run's log file holds; past it the rest is dropped. Zero for no limit.</summary>
    public long MaxLogFileBytes { get; init; } = 256L * 1024 * 1024;

    public StoreOptions Store { get; init; } = new();
    public HostRunnerOptions Host { get; init; } = new();
    public ContainerRunnerOptions Container { get; init; } = new();
    public AdminOptions Admin { get; init; } = new();
    public RetentionOptions Retention { get; init; } = new();
    public AgentsOptions Agents { get; init; } = new();
    public NotifyOptions Notify { get; init; } = new();
    public MetricsOptions Metrics { get; init; } = new();
    public DashboardOptions Dashboard { get; init; } = new();
}
