namespace NanoClaw.Runs.Sqlite;

/// <summary>What a look at the store file found; only <see cref="Healthy"/> and <see cref="Missing"/> may be opened for work.</summary>
internal enum StoreState
{
    Missing,
    Healthy,
    Empty,
    Foreign,
    Damaged,
    Newer,
}
