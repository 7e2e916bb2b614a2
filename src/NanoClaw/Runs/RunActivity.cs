namespace NanoClaw.Runs;

/// <summary>
/// The run rate and outcomes of the last day, hour by hour (the dashboard's overview chart): always
/// <see cref="Hours"/> entries, oldest first, the last one the current hour, empty hours included.
/// </summary>
internal sealed class RunActivity(IRunStore store, TimeProvider clock)
{
    public const int Hours = 24;

    public async Task<IReadOnlyList<RunActivityHour>> LastDayAsync(
        CancellationToken cancellationToken = default
    )
    {
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(
            now.Year,
            now.Month,
            now.Day,
            now.Hour,
            0,
            0,
            TimeSpan.Zero
        );
        var first = currentHour.AddHours(-(Hours - 1));
        var counts = await store.CountByHourAsync(first, cancellationToken);
        return
        [
            .. Enumerable
                .Range(0, Hours)
                .Select(i => first.AddHours(i))
                .Select(hour => new RunActivityHour(
                    hour,
                    counts.Where(c => c.Hour == hour).ToDictionary(c => c.Status, c => c.Count)
                )),
        ];
    }
}
