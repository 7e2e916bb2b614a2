namespace NanoClaw.Runs.Sqlite;

/// <summary>One place for what an operator is told about a store that cannot be used, and what to do next.</summary>
internal static class StoreAdvice
{
    public static string Explain(StoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var file = report.DatabaseFile;
        return report.State switch
        {
            StoreState.Damaged =>
                $"The store {file} is damaged: {report.Problem}. Restore a backup with 'nanoclaw restore BACKUP_FILE' (the damaged file is kept aside), or move the file away (mv {file} {file}.damaged) to start with an empty history. 'nanoclaw store check' shows the details.",
            StoreState.Empty or StoreState.Foreign =>
                $"The store {file} is not a NanoClaw store: {report.Problem}. NanoClaw creates its tables when it creates the file, so this is not a new store and starting on it would silently begin an empty history. To recover history, 'nanoclaw restore BACKUP_FILE'; to start fresh deliberately, move the file away (mv {file} {file}.old) and start again.",
            StoreState.Newer => $"The store {file} cannot be used: {report.Problem}.",
            StoreState.Missing =>
                $"There is no store at {file} yet: the daemon has not run with this data directory.",
            _ => $"The store {file} is healthy.",
        };
    }
}
