using Dapper;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Looks at a store file without changing it: never creates it, never adds tables. A file that is
/// empty or holds none of NanoClaw's tables is not "a new store" — NanoClaw creates its tables in
/// the same start that creates the file — so it is reported, and the caller refuses to start on it
/// rather than silently beginning a new history.
/// </summary>
internal static class SqliteStoreInspector
{
    private static readonly string[] CountedTables =
    [
        "nanoclaw_runs",
        "QRTZ_JOB_DETAILS",
        "QRTZ_TRIGGERS",
        "nanoclaw_quarantine",
    ];

    /// <summary>A connection that fails on a missing file instead of creating it, and is not pooled so a restore can replace the file.</summary>
    public static SqliteConnection OpenExisting(string databaseFile, bool readOnly = false) =>
        new(
            new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString()
        );

    /// <summary>With <c>integrity</c>, runs <c>PRAGMA quick_check</c>: it reads every page, so it is for start-up and <c>store check</c>, not every CLI read.</summary>
    public static async Task<StoreReport> InspectAsync(
        string databaseFile,
        bool integrity,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(databaseFile);
        if (!File.Exists(databaseFile))
            return Report(databaseFile, StoreState.Missing, null);
        if (new FileInfo(databaseFile).Length == 0)
            return Report(databaseFile, StoreState.Empty, "the file is empty (0 bytes)");
        try
        {
            await using var connection = OpenExisting(databaseFile);
            await connection.OpenAsync(cancellationToken);
            if (integrity)
            {
                var findings = (
                    await connection.QueryAsync<string>(
                        new CommandDefinition(
                            "PRAGMA quick_check(5)",
                            cancellationToken: cancellationToken
                        )
                    )
                ).ToList();
                if (findings is not ["ok"])
                    return Report(
                        databaseFile,
                        StoreState.Damaged,
                        "SQLite's integrity check found: "
                            + string.Join("; ", findings).ReplaceLineEndings(" ")
                    );
            }
            var tables = (
                await connection.QueryAsync<string>(
                    new CommandDefinition(
                        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                        cancellationToken: cancellationToken
                    )
                )
            ).ToHashSet(StringComparer.Ordinal);
            var version = (int)
                await connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(
                        "PRAGMA user_version",
                        cancellationToken: cancellationToken
                    )
                );
            if (version > SqliteSchema.Version)
                return Report(
                    databaseFile,
                    StoreState.Newer,
                    new StoreVersionException(databaseFile, version, SqliteSchema.Version).Message,
                    version
                );
            if (!tables.Contains("nanoclaw_runs"))
                return Report(
                    databaseFile,
                    StoreState.Foreign,
                    tables.Count == 0
                        ? "the file is a database with no tables"
                        : $"the file holds none of NanoClaw's tables (it has: {string.Join(", ", tables.Take(5))})",
                    version
                );
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in CountedTables.Where(tables.Contains))
                counts[table] = await connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(
                        $"SELECT count(*) FROM \"{table}\"",
                        cancellationToken: cancellationToken
                    )
                );
            return new StoreReport(databaseFile, StoreState.Healthy, null, version, counts);
        }
        catch (SqliteException e)
        {
            return Report(
                databaseFile,
                StoreState.Damaged,
                "SQLite could not read it: " + e.Message
            );
        }
    }

    private static StoreReport Report(
        string databaseFile,
        StoreState state,
        string? problem,
        int version = 0
    ) => new(databaseFile, state, problem, version, new Dictionary<string, long>());
}
