namespace NanoClaw.Benchmarks;

/// <summary>How big each scenario is: the real sizes of the targets, or tiny ones that only prove the harness works.</summary>
public sealed record BenchmarkSizes
{
    public int SpawnSamples { get; init; } = 2000;
    public int ThroughputGroups { get; init; } = 16;
    public int ThroughputTasksPerGroup { get; init; } = 60;
    public int HandOffRuns { get; init; } = 300;
    public int HandOffBurst { get; init; } = 20;
    public int LatenessTasks { get; init; } = 100;
    public TimeSpan LatenessDuration { get; init; } = TimeSpan.FromSeconds(20);
    public int StartFloorBursts { get; init; } = 10;
    public int ManyTasks { get; init; } = 10_000;
    public int HistoryRecords { get; init; } = 1_000_000;
    public int HistoryTasks { get; init; } = 100;

    /// <summary>The daemon's first pruning comes a minute after start: too long for a smoke run.</summary>
    public bool WaitForRetention { get; init; } = true;
    public long BigOutputBytes { get; init; } = 1L << 30;

    /// <summary>I1: how long the daemon is left alone after ready, then how long it is measured.</summary>
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(60);

    public static BenchmarkSizes Full { get; } = new();

    public static BenchmarkSizes Smoke { get; } =
        new()
        {
            SpawnSamples = 50,
            ThroughputGroups = 2,
            ThroughputTasksPerGroup = 5,
            HandOffRuns = 6,
            HandOffBurst = 3,
            LatenessTasks = 3,
            LatenessDuration = TimeSpan.FromSeconds(1),
            StartFloorBursts = 2,
            ManyTasks = 50,
            HistoryRecords = 2_000,
            HistoryTasks = 4,
            WaitForRetention = false,
            BigOutputBytes = 1L << 20,
            IdleSettle = TimeSpan.FromSeconds(1),
            IdleWindow = TimeSpan.FromSeconds(2),
        };
}
