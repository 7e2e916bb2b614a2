using System.Globalization;
using System.Text.Json;
using NanoClaw.Jobs;

namespace NanoClaw.Runs.Sqlite;

/// <summary>A row of <c>nanoclaw_runs</c>: times as unix milliseconds (sortable) plus the original offset text.</summary>
internal sealed class RunRow
{
    public string Id { get; set; } = "";
    public string? TaskId { get; set; }
    public string GroupName { get; set; } = "";
    public string Mode { get; set; } = "";
    public string TriggerKind { get; set; } = "";
    public string Status { get; set; } = "";
    public long? ExitCode { get; set; }
    public string ScheduledAt { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public long StartedAtMs { get; set; }
    public string? FinishedAt { get; set; }
    public long? DurationMs { get; set; }
    public string? Result { get; set; }
    public string Stdout { get; set; } = "";
    public string Stderr { get; set; } = "";
    public long StdoutTruncated { get; set; }
    public long StderrTruncated { get; set; }
    public string? Error { get; set; }
    public string Node { get; set; } = "";
    public string? LogPath { get; set; }
    public string? FiringId { get; set; }
    public long Attempt { get; set; } = 1;
    public string? RetryOf { get; set; }
    public string? Prompt { get; set; }
    public string? SessionId { get; set; }
    public string? NewSessionId { get; set; }
    public long InputRecorded { get; set; } = 1;

    public static RunRow From(RunRecord run) =>
        new()
        {
            Id = run.Id,
            TaskId = run.TaskId,
            GroupName = run.Group,
            Mode = Name(run.Mode),
            TriggerKind = Name(run.Trigger),
            Status = RunStatusNames.ToName(run.Status),
            ExitCode = run.ExitCode,
            ScheduledAt = Time(run.ScheduledAt),
            StartedAt = Time(run.StartedAt),
            StartedAtMs = run.StartedAt.ToUnixTimeMilliseconds(),
            FinishedAt = run.FinishedAt is { } finished ? Time(finished) : null,
            DurationMs = run.DurationMs,
            Result = run.Result is { } result ? result.GetRawText() : null,
            Stdout = run.Stdout,
            Stderr = run.Stderr,
            StdoutTruncated = run.StdoutTruncated ? 1 : 0,
            StderrTruncated = run.StderrTruncated ? 1 : 0,
            Error = run.Error,
            Node = run.Node,
            LogPath = run.LogPath,
            FiringId = run.FiringId,
            Attempt = run.Attempt,
            RetryOf = run.RetryOf,
            Prompt = run.Prompt,
            SessionId = run.SessionId,
            NewSessionId = run.NewSessionId,
            InputRecorded = run.IsInputRecorded ? 1 : 0,
        };

    public RunRecord ToRecord() =>
        new()
        {
            Id = Id,
            TaskId = TaskId,
            Group = GroupName,
            Mode = Enum.Parse<ExecutionMode>(Mode, ignoreCase: true),
            Trigger = Enum.Parse<RunTrigger>(TriggerKind, ignoreCase: true),
            Status = RunStatusNames.Parse(Status) ?? RunStatus.Failed,
            ExitCode = ExitCode is { } code ? (int)code : null,
            ScheduledAt = DateTimeOffset.Parse(ScheduledAt, CultureInfo.InvariantCulture),
            StartedAt = DateTimeOffset.Parse(StartedAt, CultureInfo.InvariantCulture),
            FinishedAt = FinishedAt is null
                ? null
                : DateTimeOffset.Parse(FinishedAt, CultureInfo.InvariantCulture),
            DurationMs = DurationMs,
            Result = Result is null ? null : JsonDocument.Parse(Result).RootElement.Clone(),
            Stdout = Stdout,
            Stderr = Stderr,
            StdoutTruncated = StdoutTruncated != 0,
            StderrTruncated = StderrTruncated != 0,
            Error = Error,
            Node = Node,
            LogPath = LogPath,
            FiringId = FiringId,
            Attempt = (int)Attempt,
            RetryOf = RetryOf,
            Prompt = Prompt,
            SessionId = SessionId,
            NewSessionId = NewSessionId,
            IsInputRecorded = InputRecorded != 0,
        };

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Time(DateTimeOffset value) =>
        value.ToString("o", CultureInfo.InvariantCulture);
}
