using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary>
/// Ad hoc commands (<c>nanoclaw exec</c>, <c>POST /api/exec</c>, the dashboard's exec form), checked
/// and queued in their group behind whatever it is running.
/// </summary>
internal sealed class AdHocRuns(TaskControl control, ManualRunQueue queue)
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    public async Task<ExecOutcome> QueueAsync(
        ExecRequest request,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FindNul() is { } field)
            return Refused(field, $"'{field}' must not contain NUL characters");
        if (string.IsNullOrEmpty(request.Group))
            return Refused("group", "'group' is required");
        if (
            request.Command is not { Count: > 0 } command
            || string.IsNullOrEmpty(command[0])
            || command.Contains(null!)
        )
            return Refused(
                "command",
                "'command' must be a non-empty array: the program, then its arguments"
            );
        ExecutionMode? mode = null;
        if (request.Mode is { } modeText)
        {
            if (
                !Enum.TryParse<ExecutionMode>(modeText, ignoreCase: true, out var parsed)
                || !Enum.IsDefined(parsed)
            )
                return Refused("mode", $"'mode' must be 'host' or 'container', not '{modeText}'");
            mode = parsed;
        }
        TimeSpan? timeout = null;
        if (request.Timeout is { } timeoutText)
        {
            if (
                !DurationText.TryParse(
                    timeoutText,
                    MinimumTimeout,
                    DurationText.MaxTimeout,
                    out var parsed,
                    out var error
                )
            )
                return Refused("timeout", $"'timeout': {error}");
            timeout = parsed;
        }
        if (await control.FindGroupAsync(request.Group, cancellationToken) is not { } group)
            return new ExecOutcome
            {
                Field = "group",
                Error = $"no group '{request.Group}'",
                IsUnknownGroup = true,
            };

        var run = new ManualRun
        {
            RunId = TaskControl.NewRunId(),
            Command = command,
            ExecutionMode = mode,
            Timeout = timeout,
        };
        await queue.QueueAsync(group, run, cancellationToken);
        return new ExecOutcome
        {
            Run = new QueuedRunView(
                run.RunId,
                request.Group,
                null,
                await control.IsGroupPausedAsync(request.Group, cancellationToken)
            ),
        };
    }

    private static ExecOutcome Refused(string field, string error) =>
        new() { Field = field, Error = error };
}
