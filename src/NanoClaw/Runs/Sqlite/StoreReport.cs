namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// The store file's condition: its state, the reason in words when it cannot be used, its schema
/// version and, for a usable store, how much it holds.
/// </summary>
internal sealed record StoreReport(
    string DatabaseFile,
    StoreState State,
    string? Problem,
    int Version,
    IReadOnlyDictionary<string, long> Counts
)
{
    public bool IsUsable => State is StoreState.Healthy or StoreState.Missing;
}
