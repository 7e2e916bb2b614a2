using System.Collections.Concurrent;
using NanoClaw.Jobs;
using NanoClaw.Runs.Sqlite;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// Every stored task with its trigger's live header, without reading every trigger's job data.
/// Reading 10,000 triggers with their JobDataMaps and parsing each definition takes seconds; the
/// headers (state, next fire time) come in one listing query, and the parsed definitions are kept
/// here, keyed by trigger and by the definition hash each trigger carries
/// (<see cref="JobDataKeys.TaskHash"/>). Every read asks the database for the current hashes, so a
/// task added, changed or deleted by any path, or by another process on the same file, is read
/// again at once: nothing listed is ever staler than the database.
/// </summary>
internal sealed class TaskCatalog(IScheduler scheduler, SqliteConnectionFactory connections)
{
    private const string HashesSql = """
        SELECT TRIGGER_GROUP AS TriggerGroup, TRIGGER_NAME AS TriggerName,
            coalesce(CASE WHEN json_valid(CAST(JOB_DATA AS TEXT))
                THEN json_extract(CAST(JOB_DATA AS TEXT), '$."nanoclaw.taskHash"') END, '') AS Hash
        FROM QRTZ_TRIGGERS WHERE SCHED_NAME = @scheduler AND JOB_GROUP = @jobGroup
        """;

    private readonly ConcurrentDictionary<TriggerKey, Entry> _parsed = new();

    /// <summary>Each task trigger's header with the definition it carries now.</summary>
    public async Task<IReadOnlyList<(TriggerHeader Header, TaskDefinition Definition)>> ReadAsync(
        CancellationToken cancellationToken = default
    )
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        var headers = page.Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey)).ToList();
        var hashes = await HashesAsync(cancellationToken);
        var stale = headers
            .Where(h =>
                !_parsed.TryGetValue(h.Key, out var entry)
                || !hashes.TryGetValue(h.Key, out var hash)
                || hash is null
                || entry.Hash != hash
            )
            .Select(h => h.Key)
            .ToList();
        var fresh = stale.Count > 0 ? await ParseAsync(stale, cancellationToken) : [];
        var result = new List<(TriggerHeader, TaskDefinition)>(headers.Count);
        foreach (var header in headers)
        {
            // A trigger deleted between the listing and its read is gone: left out, as a moment later.
            if (
                fresh.TryGetValue(header.Key, out var entry)
                || _parsed.TryGetValue(header.Key, out entry)
            )
                result.Add((header, entry.Definition));
        }
        var present = headers.Select(h => h.Key).ToHashSet();
        foreach (var gone in _parsed.Keys.Where(k => !present.Contains(k)))
            _parsed.TryRemove(gone, out _);
        return result;
    }

    private async Task<Dictionary<TriggerKey, string?>> HashesAsync(
        CancellationToken cancellationToken
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = HashesSql;
        command.Parameters.AddWithValue("@scheduler", scheduler.SchedulerName);
        command.Parameters.AddWithValue("@jobGroup", QuartzKeys.JobGroup);
        // Read by hand: an expression column has no declared type, so a mapper that types it from
        // the first row (or from none) reads it as bytes. No hash (an ad hoc run's trigger) reads
        // as none, so that trigger is read through Quartz.
        var hashes = new Dictionary<TriggerKey, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hash = reader.GetString(2);
            hashes[new TriggerKey(reader.GetString(1), reader.GetString(0))] =
                hash.Length > 0 ? hash : null;
        }
        return hashes;
    }

    private async Task<Dictionary<TriggerKey, Entry>> ParseAsync(
        List<TriggerKey> keys,
        CancellationToken cancellationToken
    )
    {
        var parsed = new Dictionary<TriggerKey, Entry>();
        var triggers = await scheduler.GetTriggers(keys, cancellationToken);
        foreach (var trigger in triggers)
        {
            if (trigger.JobDataMap.StringOrNull(JobDataKeys.Task) is not { } json)
                continue;
            // The hash read with the definition, not the one listed: both come from the same row.
            var hash = trigger.JobDataMap.StringOrNull(JobDataKeys.TaskHash);
            var entry = new Entry(hash, DefinitionJson.Deserialize<TaskDefinition>(json));
            parsed[trigger.Key] = entry;
            _parsed[trigger.Key] = entry;
        }
        return parsed;
    }

    private sealed record Entry(string? Hash, TaskDefinition Definition);
}
