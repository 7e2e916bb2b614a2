using Dapper;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Paged, filtered run history for <see cref="SqliteRunStore"/>. One index leads each query, picked
/// in a fixed order (task, group and status, group, status, trigger, time): the other filters are
/// written <c>+column</c> so the planner cannot prefer an index that walks most of a million rows
/// to find a rare match. A task's history is bounded by retention, a group's is not, hence the
/// (group, status) index.
/// </summary>
internal static class SqliteRunPages
{
    public static async Task<RunPage> PageAsync(
        SqliteConnection connection,
        string columns,
        RunPageQuery query,
        CancellationToken cancellationToken
    )
    {
        var limit = Math.Clamp(query.Limit, 1, RunPageQuery.MaxLimit);
        var rows = (
            await connection.QueryAsync<RunRow>(
                new CommandDefinition(
                    $"SELECT {columns} FROM nanoclaw_runs {Where(query)} ORDER BY started_at_ms DESC, id DESC LIMIT @Take",
                    Parameters(query, limit + 1),
                    cancellationToken: cancellationToken
                )
            )
        ).ToList();
        var runs = rows.Take(limit).Select(r => r.ToRecord()).ToList();
        return new RunPage(runs, rows.Count > limit ? RunCursor.After(runs[^1]) : null);
    }

    /// <summary>The WHERE clause of <paramref name="query"/>; public so a test can read its plan.</summary>
    public static string Where(RunPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var lead = query switch
        {
            { TaskId: not null } => "task",
            { Group: not null, Status: not null } => "group+status",
            { Group: not null } => "group",
            { Status: not null } => "status",
            { Trigger: not null } => "trigger",
            _ => "time",
        };
        var filters = new List<string>();
        if (query.TaskId is not null)
            filters.Add("task_id = @TaskId");
        if (query.Group is not null)
            filters.Add(Indexed(lead is "group" or "group+status", "group_name") + " = @Group");
        if (query.Status is not null)
            filters.Add(Indexed(lead is "status" or "group+status", "status") + " = @Status");
        if (query.Trigger is not null)
            filters.Add(Indexed(lead == "trigger", "trigger_kind") + " = @Trigger");
        // The time bounds and the cursor are ranges on the second column of every index used.
        if (query.From is not null)
            filters.Add("started_at_ms >= @FromMs");
        if (query.To is not null)
            filters.Add("started_at_ms < @ToMs");
        if (query.Before is not null)
            filters.Add("(started_at_ms, id) < (@BeforeMs, @BeforeId)");
        return filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
    }

    public static object Parameters(RunPageQuery query, int take) =>
        new
        {
            query.TaskId,
            query.Group,
            Status = query.Status is { } status ? RunStatusNames.ToName(status) : null,
            Trigger = query.Trigger is { } trigger
                ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString())
                : null,
            FromMs = query.From?.ToUnixTimeMilliseconds(),
            ToMs = query.To?.ToUnixTimeMilliseconds(),
            BeforeMs = query.Before?.StartedAtMs,
            BeforeId = query.Before?.Id,
            Take = take,
        };

    /// <summary>
    /// Every status named, so the (status, time) index answers the count alone, one range per
    /// status, without reading the runs themselves (a day of a big store is tens of thousands of
    /// rows). Public so a test can read its plan.
    /// </summary>
    public static readonly string CountByHourSql = $"""
        SELECT started_at_ms / 3600000 AS Hour, status AS Status, COUNT(*) AS Count
        FROM nanoclaw_runs WHERE status IN ({string.Join(
            ", ",
            RunStatusNames.All.Select(n => $"'{n}'")
        )})
            AND started_at_ms >= @sinceMs GROUP BY Hour, Status
        """;

    public static async Task<IReadOnlyList<RunActivityCount>> CountByHourAsync(
        SqliteConnection connection,
        DateTimeOffset since,
        CancellationToken cancellationToken
    )
    {
        var rows = await connection.QueryAsync<(long Hour, string Status, long Count)>(
            new CommandDefinition(
                CountByHourSql,
                new { sinceMs = since.ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken
            )
        );
        return
        [
            .. rows.Select(r => new RunActivityCount(
                DateTimeOffset.FromUnixTimeMilliseconds(r.Hour * 3_600_000),
                RunStatusNames.Parse(r.Status) ?? RunStatus.Failed,
                (int)r.Count
            )),
        ];
    }

    private static string Indexed(bool isLead, string column) => isLead ? column : "+" + column;
}
