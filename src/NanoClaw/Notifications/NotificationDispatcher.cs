using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;
using NanoClaw.Telemetry;

namespace NanoClaw.Notifications;

/// <summary>
/// Delivers the outbox in the background, apart from runs: a slow or dead receiver never delays a
/// run. A failed attempt is tried again after <c>Notify:RetryDelay</c>, doubling up to
/// <c>Notify:MaxRetryDelay</c>, until <c>Notify:DeliveryAttempts</c>; what is pending when the
/// daemon stops is delivered after it starts again. Nothing polls the outbox: a queued notification
/// wakes the dispatcher (<see cref="Wake"/>), and otherwise it sleeps until the earliest retry is due
/// or the hourly pruning, whichever comes first.
/// </summary>
internal sealed class NotificationDispatcher(
    NotificationOutbox outbox,
    WebhookSender webhooks,
    CommandSender commands,
    NanoClawOptions options,
    NanoClawMetrics metrics,
    ILogger<NotificationDispatcher> logger
) : BackgroundService
{
    private const int BatchSize = 16;

    /// <summary>How soon the outbox is read again after reading it failed (the store busy or failing).</summary>
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private DateTimeOffset _nextPrune = DateTimeOffset.UtcNow.AddMinutes(1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Says that something was queued, so it goes out now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = FailureRetry;
            try
            {
                await PruneWhenDueAsync(stoppingToken);
                IReadOnlyList<Delivery> due;
                while (
                    (
                        due = await outbox.DueAsync(DateTimeOffset.UtcNow, BatchSize, stoppingToken)
                    ).Count > 0
                )
                    await Task.WhenAll(due.Select(d => DeliverAsync(d, stoppingToken)));
                wait = Until(await outbox.NextDueAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is busy or failing: the outbox is still there at the next pass. Nothing
                // here may stop the daemon, which an exception out of a background service would.
                logger.LogWarning(
                    "Could not read or update the notification outbox: {Error}",
                    ex.Message
                );
            }
            try
            {
                await _wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        NotifyTarget target;
        DeliveryResult result;
        try
        {
            target = DefinitionJson.Deserialize<NotifyTarget>(delivery.Target);
            result = target switch
            {
                { Webhook: { } url } => await webhooks.SendAsync(delivery, url, stoppingToken),
                { Command: [_, ..] command } => await commands.SendAsync(
                    delivery,
                    command,
                    stoppingToken
                ),
                _ => new DeliveryResult(false, "the target has neither a webhook nor a command"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One broken delivery (an unreadable stored target, a sender's bug) must not hold up the others.
            logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly", delivery.Id);
            target = new NotifyTarget();
            result = new DeliveryResult(false, $"internal error: {ex.Message}");
        }
        var attempt = delivery.Attempts + 1;
        DateTimeOffset? retryAt =
            result.IsDelivered || attempt >= options.Notify.DeliveryAttempts
                ? null
                : DateTimeOffset.UtcNow + DelayAfter(attempt);
        await outbox.RecordAttemptAsync(delivery, result.IsDelivered, result.Detail, retryAt);
        metrics.NotificationDelivery(
            target.Command is null
                ? NotificationTargetKind.Webhook
                : NotificationTargetKind.Command,
            delivery.Event,
            result.IsDelivered ? DeliveryOutcome.Delivered
                : retryAt is null ? DeliveryOutcome.GaveUp
                : DeliveryOutcome.Failed
        );
        var where = target.Webhook ?? string.Join(' ', target.Command ?? ["?"]);
        if (result.IsDelivered)
            logger.LogInformation(
                "Notification {Event} of task {TaskId} delivered to {Target} ({Detail})",
                delivery.Event,
                delivery.TaskId,
                where,
                result.Detail
            );
        else if (retryAt is { } at)
            logger.LogWarning(
                "Notification {Event} of task {TaskId} to {Target} failed at attempt {Attempt} ({Detail}); next try at {RetryAt:o}",
                delivery.Event,
                delivery.TaskId,
                where,
                attempt,
                result.Detail,
                at
            );
        else
            logger.LogError(
                "Notification {Event} of task {TaskId} to {Target} given up after {Attempt} attempts ({Detail})",
                delivery.Event,
                delivery.TaskId,
                where,
                attempt,
                result.Detail
            );
    }

    /// <summary>
    /// The time to the next retry due or the next pruning. A retry due already (its attempt ended
    /// after this pass's read) is taken at once.
    /// </summary>
    private TimeSpan Until(DateTimeOffset? nextDue)
    {
        var now = DateTimeOffset.UtcNow;
        var next = nextDue is { } due && due < _nextPrune ? due : _nextPrune;
        var wait = next - now;
        return wait <= TimeSpan.Zero ? TimeSpan.Zero
            // A timer's longest wait; the loop simply waits again.
            : wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1)
            : wait + TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Ended deliveries are kept as long as run history (<c>Retention:MaxAge</c>, or 30 days if runs are kept forever).</summary>
    private async Task PruneWhenDueAsync(CancellationToken stoppingToken)
    {
        if (DateTimeOffset.UtcNow < _nextPrune)
            return;
        _nextPrune = DateTimeOffset.UtcNow + PruneInterval;
        var keep =
            options.Retention.MaxAge > TimeSpan.Zero
                ? options.Retention.MaxAge
                : TimeSpan.FromDays(30);
        var deleted = await outbox.PruneAsync(DateTimeOffset.UtcNow - keep, stoppingToken);
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} ended notification deliveries", deleted);
    }

    private TimeSpan DelayAfter(int attempt)
    {
        var ticks = options.Notify.RetryDelay.Ticks * Math.Pow(2, attempt - 1);
        return ticks < options.Notify.MaxRetryDelay.Ticks
            ? TimeSpan.FromTicks((long)ticks)
            : options.Notify.MaxRetryDelay;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
