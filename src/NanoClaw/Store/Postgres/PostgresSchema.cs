using Dapper;
using NanoClaw.Runs;
using Npgsql;

namespace NanoClaw.Store.Postgres;

/// <summary>
/// Our tables on PostgreSQL, versioned per component (run history, notifications, …) in
/// <c>nanoclaw_schema</c>: each component's steps are applied in order, once, under an advisory lock so
/// that nodes starting together never apply a step twice. A database a newer NanoClaw has written is
/// refused rather than misread. Quartz provisions its own <c>qrtz_</c> tables.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Any fixed number: every NanoClaw node takes this lock to change the schema.</summary>
    private const long SchemaLock = 0x6e616e6f636c6177; // "nanoclaw"

    /// <summary>
    /// Brings <paramref name="component"/> to <c>steps.Count</c>: step <c>i</c> (0-based) takes it from
    /// version <c>i</c> to <c>i + 1</c>. All steps run in one transaction.
    /// </summary>
    public static async Task ApplyAsync(
        NpgsqlConnection connection,
        string component,
        IReadOnlyList<string> steps,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                """
                SELECT pg_advisory_xact_lock(@SchemaLock);
                CREATE TABLE IF NOT EXISTS nanoclaw_schema (
                    component TEXT PRIMARY KEY,
                    version INTEGER NOT NULL
                );
                """,
                new { SchemaLock },
                tx,
                cancellationToken: cancellationToken
            )
        );
        var found =
            await connection.ExecuteScalarAsync<int?>(
                new CommandDefinition(
                    "SELECT version FROM nanoclaw_schema WHERE component = @component",
                    new { component },
                    tx,
                    cancellationToken: cancellationToken
                )
            ) ?? 0;
        if (found > steps.Count)
            throw new StoreVersionException(
                $"PostgreSQL database {connection.Database} ({component})",
                found,
                steps.Count
            );
        for (var version = found; version < steps.Count; version++)
            await connection.ExecuteAsync(
                new CommandDefinition(
                    steps[version],
                    transaction: tx,
                    cancellationToken: cancellationToken
                )
            );
        if (found < steps.Count)
            await connection.ExecuteAsync(
                new CommandDefinition(
                    """
                    INSERT INTO nanoclaw_schema (component, version) VALUES (@component, @version)
                    ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version
                    """,
                    new { component, version = steps.Count },
                    tx,
                    cancellationToken: cancellationToken
                )
            );
        await tx.CommitAsync(cancellationToken);
    }
}
