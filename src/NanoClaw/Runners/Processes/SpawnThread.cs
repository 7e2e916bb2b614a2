using System.Collections.Concurrent;

namespace NanoClaw.Runners.Processes;

/// <summary>
/// Starts every child process from one long-lived thread. Linux ties a child's parent-death signal
/// to the thread that forked it: a child forked from a thread-pool thread that later retires would
/// be killed while the daemon still lives.
/// </summary>
internal sealed class SpawnThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public SpawnThread()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "nanoclaw-spawn" };
        _thread.Start();
    }

    public Task<T> InvokeAsync<T>(Func<T> start)
    {
        var completion = new TaskCompletionSource<T>(
            TaskCreationOptions.RunContinuationsAsynchronously
        );
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(start());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        });
        return completion.Task;
    }

    private void Loop()
    {
        foreach (var action in _work.GetConsumingEnumerable())
            action();
    }

    public void Dispose() => _work.CompleteAdding();
}
