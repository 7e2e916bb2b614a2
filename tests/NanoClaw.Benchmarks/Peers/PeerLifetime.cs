namespace NanoClaw.Benchmarks.Peers;

/// <summary>A peer announces it is ready, then runs until the harness closes its stdin or the workload's duration ends.</summary>
internal static class PeerLifetime
{
    public const string ReadyLine = "peer ready";

    public static async Task RunAsync(PeerWorkload workload)
    {
        await Console.Out.WriteLineAsync(ReadyLine);
        await Console.Out.FlushAsync();
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        await Task.WhenAny(stdinClosed, Task.Delay(TimeSpan.FromSeconds(workload.DurationSeconds)));
    }
}
