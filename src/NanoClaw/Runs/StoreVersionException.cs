namespace NanoClaw.Runs;

/// <summary>The store was written by a newer NanoClaw: reading it with this one could lose or misread history.</summary>
public sealed class StoreVersionException(string databaseFile, int found, int known)
    : Exception(
        $"the store '{databaseFile}' has schema version {found}, but this NanoClaw knows versions up to {known}: run the newer NanoClaw that wrote it, or restore a backup made by this version"
    )
{
    public string DatabaseFile { get; } = databaseFile;
    public int FoundVersion { get; } = found;
    public int KnownVersion { get; } = known;
}
