namespace NanoClaw.Tests.TestSupport;

/// <summary>Polls until something becomes true, and fails the test with a reason when it never does.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, failure);

    /// <summary>Waits until <paramref name="path"/> exists and has content (a run wrote it).</summary>
    public static Task FileWrittenAsync(string path, TimeSpan timeout) =>
        TrueAsync(
            () => File.Exists(path) && new FileInfo(path).Length > 0,
            timeout,
            $"{path} never appeared"
        );
}
