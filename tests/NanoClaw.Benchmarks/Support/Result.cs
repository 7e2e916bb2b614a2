namespace NanoClaw.Benchmarks.Support;

/// <summary>One line of the results table: a figure, what it is held against, and whether it meets it.</summary>
public sealed record Result(string Id, string Metric, string Measured, string Target, bool? IsMet);
