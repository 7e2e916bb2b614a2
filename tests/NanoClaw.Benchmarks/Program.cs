using NanoClaw.Benchmarks;

// Usage: NanoClaw.Benchmarks [--smoke] [p1 p2 p3 p4 p5 p6]   (no names: all of them)
var smoke = args.Contains("--smoke");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var table = await BenchmarkRunner.RunAsync(
    smoke ? BenchmarkSizes.Smoke : BenchmarkSizes.Full,
    names,
    Console.Error
);
Console.WriteLine(table);
return 0;
