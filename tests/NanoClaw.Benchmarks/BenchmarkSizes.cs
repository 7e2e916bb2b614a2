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
    public int SideBySideGroups { get; init; } = 20;
    public int SideBySideTasksPerGroup { get; init; } = 20;
    public int SideBySideConcurrency { get; init; } = 4;
    public int SideBySideRounds { get; init; } = 3;
    public TimeSpan SideBySideWarmUp { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan SideBySideWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Another build's <c>nanoclaw</c> apphost, measured in S1 and S3 beside this one ("before").</summary>
    public string? NanoClawBefore { get; init; }

    /// <summary>Only these S1/S3 contenders (<c>nanoclaw</c>, <c>quartz</c>, …); empty: all of them.</summary>
    public IReadOnlyList<string> SideBySideContenders { get; init; } = [];

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
            SideBySideGroups = 2,
            SideBySideTasksPerGroup = 2,
            SideBySideRounds = 1,
            SideBySideWarmUp = TimeSpan.FromSeconds(1),
            SideBySideWindow = TimeSpan.FromSeconds(2),
            IdleSettle = TimeSpan.FromSeconds(1),
            IdleWindow = TimeSpan.FromSeconds(2),
        };
}
