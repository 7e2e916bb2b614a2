using Microsoft.Extensions.Hosting.Systemd;

namespace NanoClaw.Hosting;

/// <summary>
/// systemd's <c>Type=notify</c> protocol: <c>READY=1</c> once the scheduler and the admin API are up
/// (the host's "started", which follows every hosted service and the web server), <c>STOPPING=1</c>
/// as soon as a stop begins, before the drain. Only when <c>NOTIFY_SOCKET</c> is set.
/// </summary>
/// <remarks>
/// Not <c>UseSystemd()</c>: it switches on only when the parent process is systemd itself (not
/// under <c>systemd-run --pipe</c>, a wrapper script or a test), and its lifetime handles SIGTERM
/// alone, so a Ctrl+C would no longer drain. The console lifetime stays; this adds the messages.
/// A message that cannot be sent is logged and the daemon goes on: the service manager's timeout,
/// not a crash, is the right consequence.
/// </remarks>
internal static class SystemdNotify
{
    public const string SocketVariable = "NOTIFY_SOCKET";

    public static bool IsRequested =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SocketVariable));

    public static void Register(IHostApplicationLifetime lifetime, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        if (!IsRequested)
            return;
        var notifier = new SystemdNotifier();
        lifetime.ApplicationStarted.Register(() => Send(notifier, ServiceState.Ready, logger));
        lifetime.ApplicationStopping.Register(() => Send(notifier, ServiceState.Stopping, logger));
    }

    private static void Send(SystemdNotifier notifier, ServiceState state, ILogger logger)
    {
        try
        {
            notifier.Notify(state);
        }
        // A socket of the wrong kind, a path nobody listens on or one too long for an address.
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
        {
            logger.LogWarning(
                "Could not tell the service manager {State} through {Variable}={Socket}: {Error}",
                state.ToString().Trim(),
                SocketVariable,
                Environment.GetEnvironmentVariable(SocketVariable),
                ex.Message
            );
        }
    }
}
