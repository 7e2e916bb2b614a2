namespace NanoClaw.Runs;

/// <summary>How many runs started in the hour beginning at <see cref="Hour"/> ended (or stand) in <see cref="Status"/>.</summary>
public readonly record struct RunActivityCount(DateTimeOffset Hour, RunStatus Status, int Count);
