namespace NanoClaw.Runs;

/// <summary>
/// How long a store call made in the current async flow may wait for a lock another process holds.
/// The daemon's record writes retry on their own and the admin API must answer, so both wait seconds,
/// not the store's default.
/// </summary>
internal static class StoreWaitLimit
{
    private static readonly AsyncLocal<TimeSpan?> Current = new();

    /// <summary>The limit set for this flow, or null for the store's default.</summary>
    public static TimeSpan? Value => Current.Value;

    /// <summary>Sets the limit until the returned scope is disposed.</summary>
    public static IDisposable Use(TimeSpan limit)
    {
        var previous = Current.Value;
        Current.Value = limit;
        return new Scope(previous);
    }

    private sealed class Scope(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
