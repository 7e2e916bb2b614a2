namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>
/// The workload every contender runs: <see cref="Groups"/> × <see cref="TasksPerGroup"/> tasks running
/// <c>true</c> every second, one run per group at a time, at most <see cref="Concurrency"/> at once;
/// measured over <see cref="Window"/> after <see cref="WarmUp"/>.
/// </summary>
internal sealed record SideBySideShape(
    int Groups,
    int TasksPerGroup,
    int Concurrency,
    TimeSpan WarmUp,
    TimeSpan Window
);
