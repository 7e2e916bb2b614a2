namespace NanoClaw.Agents.Ipc;

internal static class IpcRegistration
{
    /// <summary>The IPC folders' service; registered after the scheduler's, so it starts on a synced store.</summary>
    public static IServiceCollection AddNanoClawAgentIpc(this IServiceCollection services) =>
        services
            .AddSingleton<IpcJournal>()
            .AddSingleton<AgentTaskActions>()
            .AddSingleton<IpcProcessor>()
            .AddHostedService<IpcService>();
}
