using NanoClaw.Execution;
using NanoClaw.Retries;

namespace NanoClaw.Notifications;

internal static class NotificationRegistration
{
    /// <summary>Retries and notifications: what follows a run (README "Retries", "Notifications").</summary>
    public static IServiceCollection AddNanoClawFollowUps(this IServiceCollection services)
    {
        services
            .AddSingleton<RetryScheduler>()
            .AddSingleton<NotificationOutbox>()
            .AddSingleton<WebhookSender>()
            .AddSingleton<CommandSender>()
            .AddSingleton<NotificationDispatcher>()
            .AddSingleton<NotificationRecorder>()
            .AddSingleton<RunFollowUp>()
            .AddSingleton<FinishingRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }
}
