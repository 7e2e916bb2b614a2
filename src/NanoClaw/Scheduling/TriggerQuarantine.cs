using System.Globalization;
using System.Text.Json;
using Dapper;
using NanoClaw.Jobs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Scheduling;

/// <summary>
/// One trigger whose stored data cannot be read must not stop every task: Quartz reads triggers in
/// batches, so a single unreadable one fails every acquisition and nothing fires any more. Before the
/// scheduler first reads the store, each trigger's data is checked as Quartz and NanoClaw will read
/// it; one that fails is moved to <c>nanoclaw_quarantine</c> (kept, with the reason) and logged with
/// its key. A jobs-file task set aside this way is created again from the file by the sync.
/// </summary>
internal sealed class TriggerQuarantine(
    SqliteConnectionFactory connections,
    ILogger<TriggerQuarantine> logger
)
{
    private static readonly string[] TriggerTables =
    [
        "QRTZ_SIMPLE_TRIGGERS",
        "QRTZ_CRON_TRIGGERS",
        "QRTZ_SIMPROP_TRIGGERS",
        "QRTZ_BLOB_TRIGGERS",
        "QRTZ_FIRED_TRIGGERS",
        "QRTZ_TRIGGERS",
    ];

    public async Task<int> SetAsideUnreadableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var hasQuartz = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'QRTZ_TRIGGERS'",
                cancellationToken: cancellationToken
            )
        );
        if (hasQuartz == 0)
            return 0;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredTrigger>(
            new CommandDefinition(
                "SELECT SCHED_NAME AS Scheduler, TRIGGER_NAME AS Name, TRIGGER_GROUP AS TriggerGroup, JOB_NAME AS JobName, TRIGGER_TYPE AS TriggerType, JOB_DATA AS JobData FROM QRTZ_TRIGGERS",
                transaction: transaction,
                cancellationToken: cancellationToken
            )
        );
        var setAside = 0;
        foreach (var row in rows)
        {
            if (Problem(row.JobData) is not { } reason)
                continue;
            await connection.ExecuteAsync(
                new CommandDefinition(
                    """
                    INSERT INTO nanoclaw_quarantine (trigger_name, trigger_group, job_name, trigger_type, job_data, reason, quarantined_at)
                    VALUES (@Name, @TriggerGroup, @JobName, @TriggerType, @JobData, @reason, @at)
                    """,
                    new
                    {
                        row.Name,
                        row.TriggerGroup,
                        row.JobName,
                        row.TriggerType,
                        row.JobData,
                        reason,
                        at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                    },
                    transaction,
                    cancellationToken: cancellationToken
                )
            );
            foreach (var table in TriggerTables)
                await connection.ExecuteAsync(
                    new CommandDefinition(
                        $"DELETE FROM {table} WHERE SCHED_NAME = @Scheduler AND TRIGGER_NAME = @Name AND TRIGGER_GROUP = @TriggerGroup",
                        row,
                        transaction,
                        cancellationToken: cancellationToken
                    )
                );
            logger.LogError(
                "Task {TaskId} in group {Group} could not be read from the store ({Reason}) and was set aside in table nanoclaw_quarantine; the other tasks run. A jobs-file task is created again from the jobs file; an agent's or API task must be added again",
                row.Name,
                row.TriggerGroup,
                reason
            );
            setAside++;
        }
        await transaction.CommitAsync(cancellationToken);
        return setAside;
    }

    /// <summary>Reads the data as Quartz (a JSON object of strings) and NanoClaw (the task definition) do.</summary>
    private static string? Problem(byte[]? jobData)
    {
        if (jobData is null || jobData.Length == 0)
            return null;
        try
        {
            using var document = JsonDocument.Parse(jobData);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return "its job data is not a JSON object";
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    return $"its job data entry '{property.Name}' is not a string";
                if (property.Name == JobDataKeys.Task && property.Value.GetString() is { } task)
                    _ = DefinitionJson.Deserialize<TaskDefinition>(task);
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException)
        {
            return "its job data is not readable: " + e.Message;
        }
    }

    private sealed record StoredTrigger(
        string Scheduler,
        string Name,
        string TriggerGroup,
        string JobName,
        string TriggerType,
        byte[]? JobData
    );
}
