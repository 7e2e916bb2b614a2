using Dapper;
using NanoClaw.Runs;
using NanoClaw.Store.Postgres;
using NanoClaw.Tests.TestSupport;
using Npgsql;

namespace NanoClaw.Tests.Store;

/// <summary>Our PostgreSQL tables are versioned per component, applied once even by nodes starting together.</summary>
public sealed class PostgresSchemaSpec
{
    private static readonly string[] Steps =
    [
        "CREATE TABLE t_one (id INTEGER PRIMARY KEY); INSERT INTO t_one VALUES (1);",
        "ALTER TABLE t_one ADD COLUMN note TEXT; INSERT INTO t_one VALUES (2, 'two');",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Steps_apply_once_in_order_even_when_nodes_start_together()
    {
        var database = new PostgresDatabase(await PostgresServer.NewDatabaseAsync(), "spec");
        await using var _ = database;

        await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(async _ =>
                {
                    await using var connection = await database.OpenAsync(Ct);
                    await PostgresSchema.ApplyAsync(connection, "spec", Steps, Ct);
                })
        );

        await using var check = await database.OpenAsync(Ct);
        Assert.Equal(
            [1, 2],
            (
                await check.QueryAsync<int>(
                    new CommandDefinition("SELECT id FROM t_one ORDER BY id", cancellationToken: Ct)
                )
            ).ToList()
        );
        Assert.Equal(
            2,
            await check.ExecuteScalarAsync<int>(
                new CommandDefinition(
                    "SELECT version FROM nanoclaw_schema WHERE component = 'spec'",
                    cancellationToken: Ct
                )
            )
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_database_a_newer_version_wrote_is_refused_and_left_alone()
    {
        var database = new PostgresDatabase(await PostgresServer.NewDatabaseAsync(), "spec");
        await using var _ = database;
        await using var connection = await database.OpenAsync(Ct);
        await PostgresSchema.ApplyAsync(connection, "spec", Steps, Ct);

        var refused = await Assert.ThrowsAsync<StoreVersionException>(() =>
            PostgresSchema.ApplyAsync(connection, "spec", Steps[..1], Ct)
        );

        Assert.Equal(2, refused.FoundVersion);
        Assert.Equal(1, refused.KnownVersion);
        Assert.Equal(
            2,
            await connection.ExecuteScalarAsync<int>(
                new CommandDefinition("SELECT count(*) FROM t_one", cancellationToken: Ct)
            )
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_step_leaves_the_version_and_the_tables_as_they_were()
    {
        var database = new PostgresDatabase(await PostgresServer.NewDatabaseAsync(), "spec");
        await using var _ = database;
        await using var connection = await database.OpenAsync(Ct);
        await PostgresSchema.ApplyAsync(connection, "spec", Steps[..1], Ct);

        await Assert.ThrowsAsync<PostgresException>(() =>
            PostgresSchema.ApplyAsync(
                connection,
                "spec",
                [Steps[0], "INSERT INTO t_one VALUES (3); SELECT nope FROM t_one;"],
                Ct
            )
        );

        Assert.Equal(
            1,
            await connection.ExecuteScalarAsync<int>(
                new CommandDefinition("SELECT count(*) FROM t_one", cancellationToken: Ct)
            )
        );
        Assert.Equal(
            1,
            await connection.ExecuteScalarAsync<int>(
                new CommandDefinition(
                    "SELECT version FROM nanoclaw_schema WHERE component = 'spec'",
                    cancellationToken: Ct
                )
            )
        );
    }
}
