using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;

namespace NanoClaw.Configuration;

/// <summary>The problems of <c>NanoClaw:Notify</c>, each named by its key.</summary>
internal static class NotifyOptionsCheck
{
    public static IEnumerable<string> Problems(NotifyOptions notify)
    {
        ArgumentNullException.ThrowIfNull(notify);
        if (notify.Secret is { Length: > 0 and < 16 })
            yield return "Notify:Secret: must be at least 16 characters long (a short key is guessable)";
        if (notify.FailingAfter < 1)
            yield return "Notify:FailingAfter: must be 1 or more";
        if (notify.DeliveryAttempts is < 1 or > 100)
            yield return "Notify:DeliveryAttempts: must be between 1 and 100";
        if (notify.RetryDelay < TimeSpan.FromMilliseconds(100))
            yield return "Notify:RetryDelay: must be at least 00:00:00.1";
        if (notify.MaxRetryDelay < notify.RetryDelay)
            yield return "Notify:MaxRetryDelay: must not be shorter than Notify:RetryDelay";
        if (notify.Timeout <= TimeSpan.Zero)
            yield return "Notify:Timeout: must be positive (hh:mm:ss)";
        var targets = notify.Default ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var key = $"Notify:Default:{i}";
            if ((target.Webhook is null) == (target.Command is null))
                yield return $"{key}: needs exactly one of Webhook (an http or https URL) or Command (an argv array)";
            if (
                target.Webhook is not null
                && NotifyReader.WebhookProblem(target.Webhook) is { } problem
            )
                yield return $"{key}:Webhook: {problem}";
            if (
                target.Command is { } command
                && (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            )
                yield return $"{key}:Command: must be a non-empty argv whose first item names the program";
            foreach (var name in target.Events ?? [])
            {
                if (!NotifyEvents.All.Contains(name, StringComparer.Ordinal))
                    yield return $"{key}:Events: unknown event '{name}' (known: {string.Join(", ", NotifyEvents.All)})";
            }
        }
    }
}
