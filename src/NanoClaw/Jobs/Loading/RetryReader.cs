namespace NanoClaw.Jobs.Loading;

/// <summary>Reads and checks the <c>retry</c> object of a task or group (README "Retries").</summary>
internal static class RetryReader
{
    private static readonly string[] Retriable = ["failed", "timed_out"];

    public static RetryPolicy? Read(ObjectFields owner, string? subject, ProblemList problems)
    {
        var json = owner.Of(JsonKind.Object, "retry", "an object");
        if (json is null)
            return null;
        var fields = new ObjectFields(
            json,
            subject,
            problems,
            "maxAttempts",
            "delay",
            "backoff",
            "maxDelay",
            "on"
        );
        var defaults = new RetryPolicy();
        var maxAttempts = fields.Number("maxAttempts");
        if (
            maxAttempts is { } attempts
            && (
                attempts != Math.Floor(attempts)
                || attempts is < 1 or > RetryPolicy.MaxAllowedAttempts
            )
        )
            fields.Report(
                fields.Get("maxAttempts")!,
                $"'maxAttempts' in 'retry' must be a whole number from 1 (no retry) to {RetryPolicy.MaxAllowedAttempts}, not {attempts}"
            );
        var delay = fields.Duration("delay", TimeSpan.FromSeconds(1));
        var maxDelay = fields.Duration("maxDelay", TimeSpan.FromSeconds(1));
        if (delay is { } d && maxDelay is { } m && m < d)
            fields.Report(
                fields.Get("maxDelay")!,
                $"'maxDelay' in 'retry' ({m:c}) must not be shorter than 'delay' ({d:c})"
            );
        var backoff = fields.Number("backoff");
        if (backoff is < 1 or > 10)
            fields.Report(
                fields.Get("backoff")!,
                $"'backoff' in 'retry' must be from 1 (the same delay each time) to 10, not {backoff}"
            );
        return new RetryPolicy
        {
            MaxAttempts = (int)(maxAttempts ?? defaults.MaxAttempts),
            Delay = delay ?? defaults.Delay,
            Backoff = backoff ?? defaults.Backoff,
            // A long delay alone raises the cap with it rather than being cut to the default cap.
            MaxDelay =
                maxDelay
                ?? (
                    delay is { } longDelay && longDelay > defaults.MaxDelay
                        ? longDelay
                        : defaults.MaxDelay
                ),
            On = ReadOn(fields) ?? defaults.On,
        };
    }

    private static List<string>? ReadOn(ObjectFields fields)
    {
        var array = fields.Of(JsonKind.Array, "on", "an array of outcomes");
        if (array is null)
            return null;
        var on = new List<string>();
        foreach (var item in array.Items)
        {
            if (
                item.Kind == JsonKind.String
                && Retriable.Contains(item.Text!, StringComparer.Ordinal)
            )
            {
                if (!on.Contains(item.Text!, StringComparer.Ordinal))
                    on.Add(item.Text!);
            }
            else
                fields.Report(
                    item,
                    $"'on' in 'retry' lists outcomes to retry: 'failed' or 'timed_out', not {(item.Kind == JsonKind.String ? $"'{item.Text}'" : item.Describe())} (interrupted runs are recovered, not retried)"
                );
        }
        if (array.Items.Count == 0)
            fields.Report(
                array,
                "'on' in 'retry' must name at least one outcome ('failed', 'timed_out'); set maxAttempts to 1 for no retry"
            );
        return on;
    }
}
