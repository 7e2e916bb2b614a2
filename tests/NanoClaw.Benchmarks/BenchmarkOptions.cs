namespace NanoClaw.Benchmarks;

/// <summary>The harness's command line: scenario names and a few options.</summary>
internal sealed record BenchmarkOptions(
    bool IsSmoke,
    string? NanoClawBefore,
    string? BeforeRef,
    int? Rounds,
    IReadOnlyList<string> Scenarios
)
{
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        bool smoke = false;
        string? before = null,
            beforeRef = null;
        int? rounds = null;
        var names = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--nanoclaw-before":
                    before = Value(args, ++i, "--nanoclaw-before", "a nanoclaw apphost");
                    if (!File.Exists(before))
                        throw new ArgumentException($"--nanoclaw-before: {before} does not exist");
                    break;
                case "--rounds":
                    rounds =
                        int.TryParse(Value(args, ++i, "--rounds", "a number"), out var n) && n > 0
                            ? n
                            : throw new ArgumentException(
                                $"--rounds: '{args[i]}' is not a whole number above 0"
                            );
                    break;
                case "--before-ref":
                    beforeRef = Value(args, ++i, "--before-ref", "a git ref");
                    break;
                case var name when name.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException(
                        $"{name}: unknown option (--smoke, --rounds N, --nanoclaw-before PATH, --before-ref REF)"
                    );
                case var name when !BenchmarkRunner.Scenarios.ContainsKey(name):
                    throw new ArgumentException(
                        $"{name}: no such scenario (there are {string.Join(", ", BenchmarkRunner.Scenarios.Keys)})"
                    );
                default:
                    names.Add(args[i]);
                    break;
            }
        }
        if (before is not null && beforeRef is not null)
            throw new ArgumentException(
                "--nanoclaw-before and --before-ref name the same build: give one"
            );
        return new BenchmarkOptions(smoke, before, beforeRef, rounds, names);
    }

    private static string Value(
        IReadOnlyList<string> args,
        int index,
        string option,
        string what
    ) => index < args.Count ? args[index] : throw new ArgumentException($"{option} needs {what}");
}
