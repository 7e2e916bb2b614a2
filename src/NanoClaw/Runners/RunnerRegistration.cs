using NanoClaw.Configuration;
using NanoClaw.Hosting;
using NanoClaw.Runners.Container;
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
        services.AddSingleton<ContainerRuntime>().AddSingleton<IRunner, ContainerRunner>();
        services.AddSingleton<IStartupCleanup, ContainerJanitor>();
        return services;
    }
}
