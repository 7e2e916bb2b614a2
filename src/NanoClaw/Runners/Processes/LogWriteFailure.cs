namespace NanoClaw.Runners.Processes;

/// <summary>
/// The first failure to write a run's log (a full or failing disk). Without it an output pump that
/// dies leaves the process blocked on a full pipe until its timeout; with it the run stops at once.
/// </summary>
internal sealed class LogWriteFailure : IDisposable
{
    private readonly CancellationTokenSource _signal = new();
    private string? _reason;

    /// <summary>Cancelled when the log could not be written.</summary>
    public CancellationToken Token => _signal.Token;

    /// <summary>Why the log could not be written, without the file name (the caller names the folder).</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Awaits a pump; a write failure is kept and signalled instead of escaping.</summary>
    public async Task Guard(Task pump)
    {
        ArgumentNullException.ThrowIfNull(pump);
        try
        {
            await pump;
        }
        catch (IOException ex)
        {
            Interlocked.CompareExchange(ref _reason, ReasonOf(ex), null);
            await _signal.CancelAsync();
        }
    }

    /// <summary>.NET says "No space left on device : '/path/file'"; the path is named by the caller.</summary>
    private static string ReasonOf(IOException ex)
    {
        var message = ex.Message;
        var path = message.IndexOf(" : '", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }

    public void Dispose() => _signal.Dispose();
}
