using NanoClaw.Benchmarks;

// Usage: NanoClaw.Benchmarks [--smoke] [--nanoclaw-before PATH | --before-ref REF] [p1 … p6 writes s1 s3]
// (no names: all of them). --nanoclaw-before measures another build's `nanoclaw` apphost in S1/S3
// beside this one; --before-ref builds that git ref of this repository into a temporary folder first.
var options = BenchmarkOptions.Parse(args);
var sizes = options.IsSmoke ? BenchmarkSizes.Smoke : BenchmarkSizes.Full;
var before = options.BeforeRef is { } beforeRef
    ? await BeforeBuild.BuildAsync(beforeRef, Console.Error)
    : options.NanoClawBefore;
var table = await BenchmarkRunner.RunAsync(
    sizes with
    {
        NanoClawBefore = before,
    },
    options.Scenarios,
    Console.Error
);
Console.WriteLine(table);
return 0;
