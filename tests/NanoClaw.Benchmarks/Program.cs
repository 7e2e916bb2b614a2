using NanoClaw.Benchmarks;

// Usage: NanoClaw.Benchmarks [--smoke] [--rounds N] [--nanoclaw-before PATH | --before-ref REF] [p1 … p6 writes s1 s3]
// (no names: all of them). --nanoclaw-before measures another build's `nanoclaw` apphost in S1/S3
// beside this one; --before-ref builds that git ref of this repository into a temporary folder first.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
var sizes = options.IsSmoke ? BenchmarkSizes.Smoke : BenchmarkSizes.Full;
var before = options.BeforeRef is { } beforeRef
    ? await BeforeBuild.BuildAsync(beforeRef, Console.Error)
    : options.NanoClawBefore;
var table = await BenchmarkRunner.RunAsync(
    sizes with
    {
        NanoClawBefore = before,
        SideBySideRounds = options.Rounds ?? sizes.SideBySideRounds,
    },
    options.Scenarios,
    Console.Error
);
Console.WriteLine(table);
return 0;
