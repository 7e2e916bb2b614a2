using NanoClaw.Jobs;

namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Notify</c>: how task events are signed and delivered (README "Notifications").</summary>
public sealed class NotifyOptions
{
    /// <summary>The HMAC-SHA256 key of <c>X-NanoClaw-Signature</c>; without it webhook bodies go unsigned.</summary>
    public string? Secret { get; init; }

    /// <summary>The targets of tasks whose task and group set no <c>notify</c>.</summary>
    public IReadOnlyList<NotifyTargetOptions>? Default { get; init; }

    /// <summary>Consecutive failed firings before <c>task.failing</c> is sent.</summary>
    public int FailingAfter { get; init; } = 1;

    /// <summary>Tries of one delivery before it is given up (recorded <c>failed</c>).</summary>
    public int DeliveryAttempts { get; init; } = 10;

    /// <summary>The wait after a first failed delivery; it doubles with each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a webhook may take to answer, or a command to finish.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<NotifyTarget> DefaultTargets =>
        [
            .. (Default ?? []).Select(t => new NotifyTarget
            {
                Webhook = t.Webhook,
                Command = t.Command,
                Events = t.Events ?? NotifyEvents.OnChange,
            }),
        ];
}

/// <summary>One target of <see cref="NotifyOptions.Default"/>, as in a jobs file's <c>notify</c>.</summary>
public sealed class NotifyTargetOptions
{
    public string? Webhook { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
}
