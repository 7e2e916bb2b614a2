namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

internal enum ContenderKind
{
    NanoClaw,
    Peer,
}
