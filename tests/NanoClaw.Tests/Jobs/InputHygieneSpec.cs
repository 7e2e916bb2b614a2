using NanoClaw.Jobs.Loading;
using NanoClaw.Tests.TestSupport;
using static NanoClaw.Tests.Jobs.JobsFileText;

namespace NanoClaw.Tests.Jobs;

/// <summary>What no jobs file or API task may hold: names with hidden newlines, NUL bytes, oversized values.</summary>
public sealed class InputHygieneSpec
{
    private static List<string> Problems(string json)
    {
        var result = JobsFileLoader.Parse(json, "jobs.json");
        Assert.Null(result.File);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    [Theory]
    [InlineData("main\\n")]
    [InlineData("main\\r\\n")]
    [InlineData("\\nmain")]
    [InlineData("ma\\nin")]
    public void A_group_name_with_a_newline_is_refused(string name)
    {
        var json = With($$""" "{{name}}": { "isMain": true } """);

        var problem = Assert.Single(Problems(json));

        Assert.Contains("the name must match", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_id_with_a_trailing_newline_is_refused()
    {
        var json = Task("""{ "id": "x\n", "group": "main", "command": ["true"] }""");

        Assert.Contains(
            Problems(json),
            p => p.Contains("the id must match", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_variable_name_with_a_trailing_newline_is_refused()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "command": ["true"], "env": { "A\n": "1" } }"""
        );

        Assert.Contains(
            Problems(json),
            p => p.Contains("is not a valid variable name", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_once_instant_with_a_trailing_newline_is_refused()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "command": ["true"], "once": "2030-01-01T00:00:00Z\n" }"""
        );

        Assert.Contains(
            Problems(json),
            p => p.Contains("'once' must be an ISO-8601 instant", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Nul_is_refused_in_every_kind_of_string_each_at_its_place()
    {
        var json = With(
            """ "main": { "isMain": true, "env": { "G": "a\u0000b" } } """,
            """{ "id": "a", "group": "main", "command": ["echo", "x\u0000hidden"] }""",
            """{ "id": "b", "group": "main", "prompt": "hi\u0000there" }""",
            """{ "id": "c", "group": "main", "command": ["true"], "description": "\u0000" }""",
            """{ "id": "d", "group": "main", "command": ["true"], "env": { "K\u0000": "v" } }"""
        );

        var problems = Problems(json);

        const string Nul = "a string holds a NUL character";
        foreach (
            var text in new[]
            {
                "\"a\\u0000b\"",
                "\"x\\u0000hidden\"",
                "\"hi\\u0000there\"",
                "\"\\u0000\"",
                "\"K\\u0000\"",
            }
        )
            Assert.Contains(
                problems,
                p => p.StartsWith($"{At(json, text)}: {Nul}", StringComparison.Ordinal)
            );
    }

    [Fact]
    public void Nul_in_an_api_task_is_refused()
    {
        var result = JobsFileLoader.ParseTask(
            """{ "id": "x", "group": "main", "command": ["sh", "-c", "echo ok\u0000; rm -rf /"] }""",
            JobsFileLoader.Parse(With(), "jobs.json").File!.Groups,
            "request"
        );

        Assert.Null(result.Task);
        Assert.Contains(
            result.Problems,
            p => p.ToString().Contains("NUL character", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void An_argument_longer_than_the_kernel_takes_is_refused_and_one_at_the_limit_is_not()
    {
        var atLimit = new string('a', 128 * 1024 - 1);
        var over = new string('a', 128 * 1024);

        Assert.NotNull(
            JobsFileLoader
                .Parse(
                    Task(
                        $$"""{ "id": "x", "group": "main", "command": ["echo", "{{atLimit}}"] }"""
                    ),
                    "jobs.json"
                )
                .File
        );
        Assert.Contains(
            Problems(Task($$"""{ "id": "x", "group": "main", "command": ["echo", "{{over}}"] }""")),
            p =>
                p.Contains(
                    "longer than Linux lets a program be started with",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            Problems(
                Task(
                    $$"""{ "id": "x", "group": "main", "command": ["true"], "env": { "V": "{{over}}" } }"""
                )
            ),
            p => p.Contains("longer than Linux lets a variable be", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_prompt_over_one_mebibyte_is_refused()
    {
        var prompt = new string('p', 1024 * 1024 + 1);

        Assert.Contains(
            Problems(Task($$"""{ "id": "x", "group": "main", "prompt": "{{prompt}}" }""")),
            p =>
                p.Contains(
                    "longer than the 1048576 bytes any field may hold",
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public void A_jobs_file_over_16_mib_is_refused_without_reading_it_all()
    {
        using var dir = new TempDir();
        var path = dir.Combine("jobs.json");
        var padding = new string(' ', 16 * 1024 * 1024);
        File.WriteAllText(path, With() + padding);

        var result = JobsFileLoader.Load(path);

        var problem = Assert.Single(result.Problems).ToString();
        Assert.Null(result.File);
        Assert.Contains("is larger than 16 MiB", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jobs_file_with_a_byte_order_mark_still_loads()
    {
        using var dir = new TempDir();
        var path = dir.Combine("jobs.json");
        File.WriteAllText(path, With(), new System.Text.UTF8Encoding(true));

        Assert.NotNull(JobsFileLoader.Load(path).File);
    }
}
