using System.CommandLine;
using NanoClaw.Cli;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// Whatever is typed, every command answers with a message and an exit code, never a stack trace.
/// The commands and options are read from the command tree itself, so a command added later is
/// walked too.
/// </summary>
public sealed class HostileArgumentsSpec
{
    private static readonly string[] BadNumbers =
    [
        "abc",
        "99999999999",
        "-99999999999",
        "0",
        "-1",
        "1e3",
        "0x10",
        "",
        " ",
        "1.5",
        "١٢",
    ];

    private static readonly string[] BadDurations =
    [
        "600",
        "abc",
        "30m",
        "-00:01:00",
        "00:00:00",
        "25:00:00",
        "99999999.23:59:59",
        "",
        "00:10",
        "PT10M",
    ];

    private static readonly string[] HostileText =
    [
        "../../../../etc/passwd",
        "\u001b]0;pwned\u0007\u001b[2J",
        "@weekly",
        "'; DROP TABLE runs; --",
        "%2e%2e%2f",
        "-",
        new string('x', 20_000),
        "\u202Eevil",
    ];

    [Fact]
    public void Every_number_and_duration_option_refuses_bad_values_with_a_message_in_its_own_terms()
    {
        var checkedOptions = 0;
        foreach (var (path, command) in Commands(Root()))
        {
            foreach (var option in command.Options.Where(IsTyped))
            {
                checkedOptions++;
                var values = IsDuration(option.ValueType) ? BadDurations : BadNumbers;
                foreach (var value in values)
                {
                    string[] args = [.. path, option.Name, value];
                    var parse = CliParsing.Parse(Root(), args);

                    var error = parse.Errors.FirstOrDefault(e =>
                        e.Message.Contains(option.Name, StringComparison.Ordinal)
                    );
                    Assert.True(
                        error is not null,
                        $"'nanoclaw {string.Join(' ', args)}' was accepted"
                    );
                    Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
                    Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(checkedOptions >= 4, $"only {checkedOptions} typed options were found");
    }

    [Fact]
    public void Parsing_never_throws_whatever_any_option_or_argument_is_given()
    {
        foreach (var (path, command) in Commands(Root()))
        {
            foreach (var value in BadNumbers.Concat(BadDurations).Concat(HostileText))
            {
                foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool)))
                    _ = CliParsing.Parse(Root(), [.. path, option.Name, value]);
                _ = CliParsing.Parse(Root(), [.. path, value, value]);
                _ = CliParsing.Parse(Root(), [.. path, "--", value]);
            }
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task No_command_prints_a_stack_trace_for_hostile_values_and_typed_options_exit_2()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs("""{ "groups": { "main": { "isMain": true } }, "tasks": [] }""");
        var invocations = new List<(string[] Args, bool MustBeInvalid)>();
        var slot = 0;
        foreach (var (path, command) in Commands(Root()))
        {
            // serve would start a daemon and agent would wait for a prompt: not argument handling.
            if (path.Count == 0 || path[0] is "serve" or "agent")
                continue;
            var typed = command.Options.Where(IsTyped).ToList();
            if (typed.Count > 0)
                invocations.Add(
                    (
                        [
                            .. path,
                            .. typed.SelectMany(o =>
                                new[]
                                {
                                    o.Name,
                                    (IsDuration(o.ValueType) ? BadDurations : BadNumbers)[
                                        slot++ % 3
                                    ],
                                }
                            ),
                        ],
                        true
                    )
                );
            var text = new List<string>(path);
            foreach (
                var option in command.Options.Where(o =>
                    o.ValueType == typeof(string) || o.ValueType == typeof(string[])
                )
            )
                text.AddRange([option.Name, HostileText[slot++ % HostileText.Length]]);
            foreach (var argument in command.Arguments)
                text.Add(HostileText[slot++ % HostileText.Length]);
            invocations.Add(([.. text], false));
        }
        // A suggest request that points past the end of its line.
        invocations.Add((["[suggest:9999]", "nanoclaw tasks --"], false));
        invocations.Add((["[suggest:-5]", "nanoclaw"], false));

        using var parallel = new SemaphoreSlim(4);
        var runs = await Task.WhenAll(
            invocations.Select(async invocation =>
            {
                await parallel.WaitAsync(TestContext.Current.CancellationToken);
                try
                {
                    return (
                        invocation,
                        Run: await CliRun.ExecAsync(
                            workspace.Path,
                            invocation.Args,
                            timeout: TimeSpan.FromSeconds(60)
                        )
                    );
                }
                finally
                {
                    parallel.Release();
                }
            })
        );

        Assert.All(
            runs,
            r =>
            {
                var shown =
                    $"nanoclaw {string.Join(' ', r.invocation.Args.Select(a => a.Length > 40 ? a[..40] + "…" : a))}\n{r.Run}";
                Assert.DoesNotContain(
                    "   at ",
                    r.Run.Stdout + r.Run.Stderr,
                    StringComparison.Ordinal
                );
                Assert.DoesNotContain(
                    "Unhandled exception",
                    r.Run.Stderr,
                    StringComparison.Ordinal
                );
                Assert.True(r.Run.ExitCode is >= 0 and <= 3, shown);
                if (r.invocation.MustBeInvalid)
                    Assert.True(r.Run.ExitCode == 2, shown);
            }
        );
    }

    private static RootCommand Root() => NanoClawCli.Create(new CliContext([]));

    private static IEnumerable<(IReadOnlyList<string> Path, Command Command)> Commands(
        Command command,
        IReadOnlyList<string>? path = null
    )
    {
        path ??= [];
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        foreach (var nested in Commands(sub, [.. path, sub.Name]))
            yield return nested;
    }

    private static bool IsTyped(Option option) =>
        IsDuration(option.ValueType)
        || IsNumber(Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType);

    private static bool IsDuration(Type type) =>
        type == typeof(TimeSpan) || type == typeof(TimeSpan?);

    private static bool IsNumber(Type type) =>
        type == typeof(int)
        || type == typeof(long)
        || type == typeof(uint)
        || type == typeof(double);
}
