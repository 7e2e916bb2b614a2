using Dapper;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// The requests each group sent, by id, with a hash of their content and their answer. A request is
/// entered before it is carried out and completed with its answer after; one seen again (the daemon
/// died before removing it, or the agent sent it twice) gets the stored answer, or is carried out
/// again idempotently if the daemon died before storing it.
/// </summary>
/// <remarks>
/// Tasks live in Quartz's tables, written on Quartz's own connections, so the journal row and the task
/// change cannot share a transaction: every action is written so that repeating it after a crash ends
/// in the same state and the same answer (see <see cref="AgentTaskActions"/>).
/// </remarks>
internal sealed class IpcJournal(SqliteConnectionFactory connections)
{
    private const string Pending = "pending";
    private const string Answered = "answered";

    public async Task<IpcJournalEntry?> FindAsync(
        string group,
        string requestId,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(
            string Hash,
            string State,
            string? Answer
        )>(
            new CommandDefinition(
                "SELECT content_hash, state, answer FROM nanoclaw_ipc_requests WHERE group_name = @group AND request_id = @requestId",
                new { group, requestId },
                cancellationToken: cancellationToken
            )
        );
        return row.Hash is null
            ? null
            : new IpcJournalEntry(row.Hash, row.State == Answered, row.Answer);
    }

    public async Task BeginAsync(
        string group,
        string requestId,
        string hash,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "INSERT OR IGNORE INTO nanoclaw_ipc_requests (group_name, request_id, content_hash, state, answer, received_at_ms) "
                    + "VALUES (@group, @requestId, @hash, @Pending, NULL, @now)",
                new
                {
                    group,
                    requestId,
                    hash,
                    Pending,
                    now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                },
                cancellationToken: cancellationToken
            )
        );
    }

    /// <summary>Keeps the answer of an action that destroys what it answers with (a cancel), before it acts.</summary>
    public Task PrepareAsync(
        string group,
        string requestId,
        string answer,
        CancellationToken cancellationToken = default
    ) => SetAnswerAsync(group, requestId, answer, Pending, cancellationToken);

    public Task CompleteAsync(
        string group,
        string requestId,
        string answer,
        CancellationToken cancellationToken = default
    ) => SetAnswerAsync(group, requestId, answer, Answered, cancellationToken);

    /// <summary>Forgets answered requests received before <paramref name="before"/>; pending ones are kept.</summary>
    public async Task<int> PruneAsync(
        DateTimeOffset before,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            new CommandDefinition(
                "DELETE FROM nanoclaw_ipc_requests WHERE state = @Answered AND received_at_ms < @before",
                new { Answered, before = before.ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken
            )
        );
    }

    private async Task SetAnswerAsync(
        string group,
        string requestId,
        string answer,
        string state,
        CancellationToken cancellationToken
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "UPDATE nanoclaw_ipc_requests SET answer = @answer, state = @state WHERE group_name = @group AND request_id = @requestId",
                new
                {
                    group,
                    requestId,
                    answer,
                    state,
                },
                cancellationToken: cancellationToken
            )
        );
    }
}
