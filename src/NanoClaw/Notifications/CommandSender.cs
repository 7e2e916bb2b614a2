using System.Diagnostics;
using NanoClaw.Configuration;

namespace NanoClaw.Notifications;

/// <summary>
/// Runs a command target with the event JSON on standard input. Like a run it sees only the
/// allow-listed variables of the daemon's environment (<c>Host:AllowedEnvironment</c>), never the
/// daemon's secrets, and is killed with its children at <c>Notify:Timeout</c>.
/// </summary>
internal sealed class CommandSender(NanoClawOptions options)
{
    private const int MaxDetailChars = 500;

    public async Task<DeliveryResult> SendAsync(
        Delivery delivery,
        IReadOnlyList<string> argv,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(argv);
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var name in options.Host.EffectiveAllowedEnvironment)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
                start.Environment[name] = value;
        }
        start.Environment["NANOCLAW_EVENT"] = delivery.Event;
        start.Environment["NANOCLAW_DELIVERY_ID"] = delivery.Id;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex)
            when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new DeliveryResult(false, $"could not start {argv[0]}: {ex.Message}");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Notify.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(
                NotificationBody.ForSending(delivery.Payload, DateTimeOffset.UtcNow).AsMemory(),
                timeout.Token
            );
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command closed its input without reading it all: its exit code still decides.
        }
        catch (OperationCanceledException)
        {
            // Out of time while writing: the wait below ends at once and stops the command.
        }
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new DeliveryResult(
                false,
                $"{argv[0]} did not finish within {options.Notify.Timeout:c}"
            );
        }
        var error = await ReadQuietlyAsync(stderr);
        await ReadQuietlyAsync(stdout);
        return process.ExitCode == 0
            ? new DeliveryResult(true, "exit 0")
            : new DeliveryResult(
                false,
                $"exit {process.ExitCode}{(error.Length == 0 ? "" : ": " + error)}"
            );
    }

    private static async Task<string> ReadQuietlyAsync(Task<string> read)
    {
        try
        {
            var text = (await read).Trim();
            return text.Length <= MaxDetailChars ? text : text[..MaxDetailChars] + "…";
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return "";
        }
    }
}
