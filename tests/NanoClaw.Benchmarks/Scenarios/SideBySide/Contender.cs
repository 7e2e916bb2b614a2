namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>One system in the side-by-side scenarios: a NanoClaw build (sandboxed or not) or a peer scheduler.</summary>
internal sealed record Contender(
    string Id,
    string Name,
    ContenderKind Kind,
    string Executable,
    bool IsSandboxed = false
);
