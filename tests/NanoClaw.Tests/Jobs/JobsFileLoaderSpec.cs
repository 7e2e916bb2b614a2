using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using NanoClaw.Tests.TestSupport;
using static NanoClaw.Tests.Jobs.JobsFileText;

namespace NanoClaw.Tests.Jobs;

public sealed class JobsFileLoaderSpec
{
    private static List<string> Problems(string json)
    {
        var result = JobsFileLoader.Parse(json, "jobs.json");
        Assert.Null(result.File);
        Assert.False(result.IsValid);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    private static string OnlyProblem(string json) => Assert.Single(Problems(json));

    [Fact]
    public void A_json_syntax_error_is_reported_where_the_parser_stopped()
    {
        var json = """
            {
              "groups": { "main": {} }
              "tasks": []
            }
            """;

        var problem = OnlyProblem(json);

        Assert.StartsWith($"{At(json, "\"tasks\"")}: not valid JSON: ", problem);
    }

    [Fact]
    public void A_json_syntax_error_after_non_ascii_text_is_located_by_character_not_byte()
    {
        var json = """
            {
              "groups": { "main": { "description": "Übersicht für Käse", "isMain": tru } },
              "tasks": []
            }
            """;

        var problem = OnlyProblem(json);

        // The parser stops at the first character that cannot continue the literal 'tru'.
        Assert.StartsWith($"{At(json, " } },")}: not valid JSON: ", problem);
    }

    [Fact]
    public void An_empty_file_is_reported_as_not_json()
    {
        var problem = OnlyProblem("  \n");

        Assert.StartsWith("jobs.json:", problem);
        Assert.Contains("not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_after_the_document_is_reported_where_it_starts()
    {
        var json = "{ \"groups\": { \"main\": {} } }\n\n  { \"tasks\": [] }\n";

        var problem = OnlyProblem(json);

        Assert.StartsWith($"{At(json, "{ \"tasks\"")}: not valid JSON: ", problem);
    }

    [Fact]
    public void A_property_given_twice_is_reported_at_the_second()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "command": ["true"], "command": ["false"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"command\"", 2)}: task 'x': 'command' is given twice",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_unknown_property_is_reported_with_the_nearest_known_name()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "crom": "* * * * *", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"crom\"")}: task 'x': unknown property 'crom' (did you mean 'cron'?)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_unknown_property_far_from_every_known_name_gets_no_suggestion()
    {
        var json = Task("""{ "id": "x", "group": "main", "colour": "red", "command": ["true"] }""");

        Assert.Equal(
            $"{At(json, "\"colour\"")}: task 'x': unknown property 'colour'",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_unknown_property_of_a_group_names_the_group()
    {
        var json = With(""" "main": { "isMian": true } """);

        Assert.Equal(
            $"{At(json, "\"isMian\"")}: group 'main': unknown property 'isMian' (did you mean 'isMain'?)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_task_in_an_undeclared_group_is_reported_at_its_group_value()
    {
        var json = Task("""{ "id": "x", "group": "opz", "command": ["true"] }""");

        Assert.Equal(
            $"{At(json, "\"opz\"")}: task 'x': unknown group 'opz' (declared: main)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_duplicate_task_id_is_reported_at_the_second_task()
    {
        var task = """{ "id": "x", "group": "main", "command": ["true"] }""";
        var json = With(DefaultGroups, task, task);

        Assert.Equal(
            $"{At(json, task, 2)}: task 'x': the id is used by another task already; task ids are unique",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_cron_that_does_not_parse_is_reported_at_its_value()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "cron": "61 * * * *", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"61 * * * *\"")}: task 'x': cron '61 * * * *': minute field '61': value 61 is out of range 0-59",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_cron_with_the_wrong_number_of_fields_says_which_counts_are_allowed()
    {
        var json = Task("""{ "id": "x", "group": "main", "cron": "* * *", "command": ["true"] }""");

        Assert.Equal(
            $"{At(json, "\"* * *\"")}: task 'x': cron '* * *': has 3 fields: use 5 (min hour day-of-month month day-of-week) or 6-7 (Quartz, with seconds first)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_cron_that_never_fires_is_reported_at_its_value_with_the_reason()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "cron": "0 0 31 2 *", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"0 0 31 2 *\"")}: task 'x': cron '0 0 31 2 *': never fires: February 31 never occurs",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_second_schedule_is_reported_at_its_value()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "cron": "* * * * *", "interval": "00:01:00", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"00:01:00\"")}: task 'x': a task has at most one schedule, but this one has cron and interval",
            OnlyProblem(json)
        );
    }

    [Theory]
    [InlineData("""{ "id": "x", "group": "main" }""")]
    [InlineData("""{ "id": "x", "group": "main", "command": ["true"], "prompt": "hi" }""")]
    public void A_task_needs_exactly_one_of_command_and_prompt(string task)
    {
        var json = Task(task);

        Assert.Equal(
            $"{At(json, task)}: task 'x': a task needs exactly one of 'command' (an argv array) or 'prompt' (text for the agent)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        var json = Task("""{ "id": "x", "group": "main", "command": [] }""");

        Assert.Equal(
            $"{At(json, "[]")}: task 'x': 'command' must be a non-empty array of strings whose first item names the program",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_at_its_value()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "cron": "0 9 * * *", "timeZone": "Mars/Olympus", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"Mars/Olympus\"")}: task 'x': unknown time zone 'Mars/Olympus' (use an IANA id such as Europe/Berlin)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_time_zone_without_a_cron_is_refused()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "interval": "00:01:00", "timeZone": "Europe/Berlin", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"Europe/Berlin\"")}: task 'x': 'timeZone' applies only to a 'cron' schedule",
            OnlyProblem(json)
        );
    }

    [Theory]
    [InlineData("2026-12-01T03:00:00")]
    [InlineData("2026-12-01")]
    [InlineData("12/01/2026 03:00:00 +01:00")]
    [InlineData("next tuesday Z")]
    public void A_once_that_is_not_an_iso_instant_with_offset_is_refused(string once)
    {
        var json = Task(
            $$"""{ "id": "x", "group": "main", "once": "{{once}}", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, $"\"{once}\"")}: task 'x': 'once' must be an ISO-8601 instant with an offset (2026-12-01T03:00:00Z), not '{once}'",
            OnlyProblem(json)
        );
    }

    [Theory]
    [InlineData("2026-12-01T03:00:00Z", "2026-12-01T03:00:00+00:00")]
    [InlineData("2026-12-01T04:00:00+01:00", "2026-12-01T03:00:00+00:00")]
    [InlineData("2026-12-01T03:00:00.500-0230", "2026-12-01T05:30:00.5+00:00")]
    public void A_once_with_an_offset_is_read_as_that_instant(string once, string expected)
    {
        var json = Task(
            $$"""{ "id": "x", "group": "main", "once": "{{once}}", "command": ["true"] }"""
        );

        var task = Assert.Single(JobsFileLoader.Parse(json, "jobs.json").File!.Tasks);

        Assert.Equal(
            DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            task.Once
        );
    }

    [Theory]
    [InlineData(
        "timeout",
        "10m",
        "'timeout' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not '10m'"
    )]
    [InlineData(
        "timeout",
        "600",
        "'timeout' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not '600'"
    )]
    [InlineData("timeout", "00:00:00", "'timeout' must be at least 00:00:01, not '00:00:00'")]
    [InlineData("interval", "-00:01:00", "'interval' must be at least 00:00:01, not '-00:01:00'")]
    [InlineData(
        "interval",
        "25:00:00",
        "'interval' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not '25:00:00'"
    )]
    public void A_bad_duration_is_reported_at_its_value(string field, string value, string message)
    {
        var json = Task(
            $$"""{ "id": "x", "group": "main", "{{field}}": "{{value}}", "command": ["true"] }"""
        );

        Assert.Equal($"{At(json, $"\"{value}\"")}: task 'x': {message}", OnlyProblem(json));
    }

    [Fact]
    public void A_bad_group_timeout_names_the_group()
    {
        var json = With(""" "main": { "timeout": "ten minutes" } """);

        Assert.Equal(
            $"{At(json, "\"ten minutes\"")}: group 'main': 'timeout' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not 'ten minutes'",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_env_variable_with_an_invalid_name_is_reported_at_its_name()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "env": { "1BAD": "v" }, "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"1BAD\"")}: task 'x': '1BAD' in 'env' is not a valid variable name",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_env_variable_in_the_reserved_nanoclaw_namespace_is_refused()
    {
        var json = With(
            """ "main": { "env": { "NANOCLAW_GROUP": "other" } } """,
            """{ "id": "x", "group": "main", "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "\"NANOCLAW_GROUP\"")}: group 'main': 'NANOCLAW_GROUP' in 'env': NANOCLAW_* variables are set by NanoClaw itself",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void An_env_value_that_is_not_a_string_is_refused()
    {
        var json = Task(
            """{ "id": "x", "group": "main", "env": { "LEVEL": 3 }, "command": ["true"] }"""
        );

        Assert.Equal(
            $"{At(json, "3 }")}: task 'x': 'LEVEL' in 'env' must be a string, not a number",
            OnlyProblem(json)
        );
    }

    [Theory]
    [InlineData("Ops")]
    [InlineData("-ops")]
    [InlineData("ops team")]
    [InlineData("global")]
    public void A_bad_group_name_is_reported_at_the_name(string name)
    {
        var json = With($$""" "main": { "isMain": true }, "{{name}}": {} """);

        var problem = OnlyProblem(json);

        Assert.StartsWith($"{At(json, $"\"{name}\"")}: group '{name}': ", problem);
        Assert.Contains(
            name == "global" ? "reserved" : Names.Pattern,
            problem,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("bad id")]
    [InlineData("../escape")]
    public void A_bad_task_id_is_reported_at_the_id(string id)
    {
        var json = Task($$"""{ "id": "{{id}}", "group": "main", "command": ["true"] }""");

        Assert.Equal(
            $"{At(json, $"\"{id}\"")}: task '{id}': the id must match {Names.Pattern} (it becomes a folder and container name)",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void A_second_main_group_is_reported_at_its_name()
    {
        var json = With(""" "main": { "isMain": true }, "ops": { "isMain": true } """);

        Assert.Equal(
            $"{At(json, "\"ops\"")}: group 'ops': only one group may be the main group; 'main' already is",
            OnlyProblem(json)
        );
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        const string json = """
            {
              "groups": {
                "main": { "isMain": true },
                "Ops": {}
              },
              "tasks": [
                { "id": "a", "group": "opz", "command": ["true"] },
                { "id": "b", "group": "main", "cron": "0 9 * * *", "timeZone": "Nowhere/Land", "command": ["true"] },
                { "id": "c", "group": "main", "once": "2026-12-01T03:00:00", "prompt": "hi", "timeout": "5", "colour": 1 }
              ]
            }
            """;

        Assert.Equal(
            [
                $"jobs.json:4:5: group 'Ops': the name must match {Names.Pattern} (it becomes a folder and container name)",
                "jobs.json:7:27: task 'a': unknown group 'opz' (declared: Ops, main)",
                "jobs.json:8:68: task 'b': unknown time zone 'Nowhere/Land' (use an IANA id such as Europe/Berlin)",
                "jobs.json:9:43: task 'c': 'once' must be an ISO-8601 instant with an offset (2026-12-01T03:00:00Z), not '2026-12-01T03:00:00'",
                "jobs.json:9:93: task 'c': 'timeout' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not '5'",
                "jobs.json:9:98: task 'c': unknown property 'colour'",
            ],
            Problems(json)
        );
    }

    [Fact]
    public void A_missing_file_is_one_problem_that_says_what_to_do()
    {
        using var dir = new TempDir();

        var result = JobsFileLoader.Load(dir.Combine("jobs.json"));

        var problem = Assert.Single(result.Problems).ToString();
        Assert.Null(result.File);
        Assert.StartsWith("jobs.json:1:1: the jobs file '", problem);
        Assert.Contains(
            "does not exist (set NanoClaw:JobsFile or create it)",
            problem,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_valid_file_parses_to_the_definitions_it_describes()
    {
        using var dir = new TempDir();
        var path = dir.WriteFile(
            "jobs.json",
            """
            {
              // Comments and trailing commas are allowed: people edit this file by hand.
              "groups": {
                "main": { "isMain": true, "executionMode": "host" },
                "ops":  { "executionMode": "container", "timeout": "00:10:00",
                          "env": { "REGION": "eu" },
                          "container": { "image": "nanoclaw-agent:latest" } },
              },
              "tasks": [
                { "id": "heartbeat", "group": "main", "interval": "00:01:00",
                  "command": ["sh", "-c", "date -u"] },
                { "id": "morning-digest", "group": "ops", "cron": "0 9 * * 1-5",
                  "timeZone": "Europe/Berlin", "prompt": "Summarise overnight alerts",
                  "contextMode": "group", "env": { "LEVEL": "high" } },
                { "id": "migrate", "group": "main", "once": "2026-12-01T03:00:00Z",
                  "command": ["./migrate.sh"], "misfire": "skip", "enabled": false,
                  "timeout": "1.00:00:00", "description": "one-off" },
                { "id": "adhoc", "group": "ops", "command": ["true"] },
              ]
            }
            """
        );

        var result = JobsFileLoader.Load(path);

        Assert.Empty(result.Problems);
        var file = Assert.IsType<JobsFile>(result.File);
        Assert.Equal(["main", "ops"], file.Groups.Keys.Order(StringComparer.Ordinal));
        var main = file.Groups["main"];
        Assert.True(main.IsMain);
        Assert.Equal(ExecutionMode.Host, main.ExecutionMode);
        Assert.Null(main.Timeout);
        var ops = file.Groups["ops"];
        Assert.False(ops.IsMain);
        Assert.Equal(ExecutionMode.Container, ops.ExecutionMode);
        Assert.Equal(TimeSpan.FromMinutes(10), ops.Timeout);
        Assert.Equal("eu", ops.Env["REGION"]);
        Assert.Equal("nanoclaw-agent:latest", ops.Container?.Image);

        Assert.Equal(
            ["heartbeat", "morning-digest", "migrate", "adhoc"],
            file.Tasks.Select(t => t.Id)
        );
        var heartbeat = file.Tasks[0];
        Assert.Equal("main", heartbeat.Group);
        Assert.Equal(TimeSpan.FromMinutes(1), heartbeat.Interval);
        Assert.Equal(["sh", "-c", "date -u"], heartbeat.Command);
        Assert.Null(heartbeat.Prompt);
        Assert.True(heartbeat.Enabled);
        Assert.Equal(MisfirePolicy.RunOnce, heartbeat.Misfire);
        Assert.Equal(ContextMode.Isolated, heartbeat.ContextMode);
        Assert.Equal(TaskSource.File, heartbeat.Source);

        var digest = file.Tasks[1];
        Assert.Equal("0 9 * * 1-5", digest.Cron);
        Assert.Equal("Europe/Berlin", digest.TimeZone);
        Assert.Equal("Summarise overnight alerts", digest.Prompt);
        Assert.Null(digest.Command);
        Assert.Equal(ContextMode.Group, digest.ContextMode);
        Assert.Equal("high", digest.Env["LEVEL"]);

        var migrate = file.Tasks[2];
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), migrate.Once);
        Assert.Equal(MisfirePolicy.Skip, migrate.Misfire);
        Assert.False(migrate.Enabled);
        Assert.Equal(TimeSpan.FromDays(1), migrate.Timeout);
        Assert.Equal("one-off", migrate.Description);

        var adhoc = file.Tasks[3];
        Assert.False(adhoc.HasSchedule);
    }
}
