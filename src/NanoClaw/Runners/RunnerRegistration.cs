using NanoClaw.Configuration;
using NanoClaw.Runners.Host;
using NanoClaw.Runners.Host.Sandbox;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners;

internal static class RunnerRegistration
{
    public static IServiceCollection AddNanoClawRunners(
        this IServiceCollection services,
        NanoClawOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<SpawnThread>().AddSingleton<ProcessLauncher>();
        services.AddSingleton<IRunner, HostRunner>();
        services.AddSingleton<IHostArgvWrapper, BubblewrapSandbox>();
        return services;
    }
}
