using System.Globalization;
using Dapper;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Scheduling;

namespace NanoClaw.Notifications;

/// <summary>
/// The persisted outbox of notifications in the run store, with each task's <see cref="TaskHealth"/>.
/// A firing's events and the health they follow from are written in one transaction, so a crash
/// neither loses an alert nor sends it twice.
/// </summary>
internal sealed class NotificationOutbox(SqliteConnectionFactory connections)
{
    /// <summary>Updates the task's health after <paramref name="run"/> and queues the events its targets want; returns them.</summary>
    /// <param name="run">The last run of a firing (no retry follows it).</param>
    /// <param name="targets">Where the task's events go.</param>
    /// <param name="failingAfter">Failed firings in a row that make the task failing.</param>
    /// <param name="body">Makes an event's body from its delivery id, name and the failures so far.</param>
    public async Task<IReadOnlyList<Delivery>> RecordAsync(
        RunRecord run,
        IReadOnlyList<NotifyTarget> targets,
        int failingAfter,
        Func<string, string, int, string> body
    )
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(body);
        if (run.TaskId is not { } taskId)
            return [];
        await using var connection = await connections.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = await connection.QueryAsync<(long Failures, long Failing)>(
            "SELECT failures, failing FROM nanoclaw_task_health WHERE task_id = @taskId",
            new { taskId },
            transaction
        );
        var health = rows.Select(r => new TaskHealth((int)r.Failures, r.Failing != 0))
            .FirstOrDefault();
        var (next, events) = health.After(run.Status, failingAfter);
        if (next != health)
            await connection.ExecuteAsync(
                "INSERT OR REPLACE INTO nanoclaw_task_health (task_id, failures, failing, updated_at) VALUES (@taskId, @Failures, @IsFailing, @now)",
                new
                {
                    taskId,
                    next.Failures,
                    next.IsFailing,
                    now = Now(),
                },
                transaction
            );
        var deliveries = new List<Delivery>();
        foreach (var name in events)
        {
            foreach (var target in targets.Where(t => t.Wants(name)))
            {
                var id = Guid.CreateVersion7().ToString("N");
                deliveries.Add(
                    new Delivery(
                        id,
                        name,
                        taskId,
                        run.Id,
                        DefinitionJson.Serialize(target),
                        body(id, name, next.Failures),
                        0
                    )
                );
            }
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO nanoclaw_notify_outbox (id, event, task_id, run_id, target, payload, created_at, attempts, next_attempt_ms, state)
            VALUES (@Id, @Event, @TaskId, @RunId, @Target, @Payload, @createdAt, 0, 0, 'pending')
            """,
            deliveries.Select(d => new
            {
                d.Id,
                d.Event,
                d.TaskId,
                d.RunId,
                d.Target,
                d.Payload,
                createdAt = Now(),
            }),
            transaction
        );
        await transaction.CommitAsync();
        return deliveries;
    }

    /// <summary>Pending deliveries due by <paramref name="now"/>, oldest due first.</summary>
    public async Task<IReadOnlyList<Delivery>> DueAsync(
        DateTimeOffset now,
        int limit,
        CancellationToken cancellationToken
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(
            string Id,
            string Event,
            string? TaskId,
            string RunId,
            string Target,
            string Payload,
            long Attempts
        )>(
            new CommandDefinition(
                """
                SELECT id, event, task_id, run_id, target, payload, attempts FROM nanoclaw_notify_outbox
                WHERE state = 'pending' AND next_attempt_ms <= @nowMs ORDER BY next_attempt_ms, id LIMIT @limit
                """,
                new { nowMs = now.ToUnixTimeMilliseconds(), limit },
                cancellationToken: cancellationToken
            )
        );
        return
        [
            .. rows.Select(r => new Delivery(
                r.Id,
                r.Event,
                r.TaskId,
                r.RunId,
                r.Target,
                r.Payload,
                (int)r.Attempts
            )),
        ];
    }

    /// <summary>When the earliest pending delivery is due, or null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ms = await connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(
                "SELECT MIN(next_attempt_ms) FROM nanoclaw_notify_outbox WHERE state = 'pending'",
                cancellationToken: cancellationToken
            )
        );
        return ms is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null;
    }

    /// <summary>Records one attempt and what follows from it: delivered, tried again at <paramref name="retryAt"/>, or given up.</summary>
    public async Task RecordAttemptAsync(
        Delivery delivery,
        bool ok,
        string detail,
        DateTimeOffset? retryAt
    )
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var attempt = delivery.Attempts + 1;
        var state =
            ok ? DeliveryState.Delivered
            : retryAt is null ? DeliveryState.Failed
            : DeliveryState.Pending;
        await using var connection = await connections.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "INSERT OR REPLACE INTO nanoclaw_notify_attempts (delivery_id, attempt, at, ok, detail) VALUES (@Id, @attempt, @at, @ok, @detail)",
            new
            {
                delivery.Id,
                attempt,
                at = Now(),
                ok,
                detail,
            },
            transaction
        );
        await connection.ExecuteAsync(
            """
            UPDATE nanoclaw_notify_outbox SET attempts = @attempt, state = @state, last_error = @error,
                next_attempt_ms = @nextMs, finished_at = @finishedAt WHERE id = @Id
            """,
            new
            {
                delivery.Id,
                attempt,
                state,
                error = ok ? null : detail,
                nextMs = retryAt?.ToUnixTimeMilliseconds() ?? 0,
                finishedAt = state == DeliveryState.Pending ? null : Now(),
            },
            transaction
        );
        await transaction.CommitAsync();
    }

    private static string Now() =>
        DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>Deletes deliveries that ended (delivered or given up) before <paramref name="before"/>, with their attempts.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Times are written by this class in one format (UTC, "o"), so they compare as text.
        var cutoff = before.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "DELETE FROM nanoclaw_notify_attempts WHERE delivery_id IN (SELECT id FROM nanoclaw_notify_outbox WHERE state <> 'pending' AND finished_at < @cutoff)",
                new { cutoff },
                transaction,
                cancellationToken: cancellationToken
            )
        );
        var deleted = await connection.ExecuteAsync(
            new CommandDefinition(
                "DELETE FROM nanoclaw_notify_outbox WHERE state <> 'pending' AND finished_at < @cutoff",
                new { cutoff },
                transaction,
                cancellationToken: cancellationToken
            )
        );
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
