using Microsoft.Extensions.Configuration;
using NanoClaw.Configuration;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Configuration;

/// <summary>A setting NanoClaw does not read, or a value it cannot read, is an error naming the key and where it was set.</summary>
public sealed class SettingsCheckSpec
{
    [Fact]
    public void Unknown_keys_at_any_depth_are_refused_with_the_closest_known_name()
    {
        var problems = Check(
            """
            { "NanoClaw": { "ExecutionMod": "host", "Container": { "Imagee": "x" },
                            "Admin": { "Ur1": "http://127.0.0.1:1", "Certificate": { "Paht": "c.pfx" } },
                            "Frobnicate": 1 } }
            """
        );

        Assert.Equal(
            [
                "NanoClaw:Admin:Certificate:Paht: unknown setting; did you mean 'Path'? (set in appsettings.json)",
                "NanoClaw:Admin:Ur1: unknown setting; did you mean 'Url'? (set in appsettings.json)",
                "NanoClaw:Container:Imagee: unknown setting; did you mean 'Image'? (set in appsettings.json)",
                "NanoClaw:ExecutionMod: unknown setting; did you mean 'ExecutionMode'? (set in appsettings.json)",
                "NanoClaw:Frobnicate: unknown setting (set in appsettings.json)",
            ],
            problems
        );
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_in_the_users_terms()
    {
        var problems = Check(
            """
            { "NanoClaw": { "DefaultTimeout": "30m", "MaxConcurrentRuns": "four",
                            "ExecutionMode": "containr", "KillGracePeriod": "600",
                            "MaxLogFileBytes": "99999999999999999999",
                            "Host": { "Sandbox": "yes" }, "Retention": { "MaxAge": "-1.00:00:00" } } }
            """
        );

        Assert.Equal(
            [
                "NanoClaw:DefaultTimeout: '30m' is not a duration; use hh:mm:ss, e.g. 00:10:00, or d.hh:mm:ss for a day or more (set in appsettings.json)",
                "NanoClaw:ExecutionMode: 'containr' is not one of host, container; did you mean 'container'? (set in appsettings.json)",
                "NanoClaw:Host:Sandbox: 'yes' is not true or false (set in appsettings.json)",
                "NanoClaw:KillGracePeriod: '600' is not a duration; use hh:mm:ss, e.g. 00:10:00, or d.hh:mm:ss for a day or more (set in appsettings.json)",
                "NanoClaw:MaxConcurrentRuns: 'four' is not a whole number (set in appsettings.json)",
                "NanoClaw:MaxLogFileBytes: '99999999999999999999' is too large; the most is 9223372036854775807 (set in appsettings.json)",
                "NanoClaw:Retention:MaxAge: '-1.00:00:00' is negative; a duration is never below 00:00:00 (set in appsettings.json)",
            ],
            problems
        );
    }

    [Fact]
    public void A_value_where_a_section_belongs_and_a_section_where_a_value_belongs_are_refused()
    {
        var problems = Check(
            """
            { "NanoClaw": { "Admin": "http://127.0.0.1:1", "DefaultTimeout": { "Minutes": 5 },
                            "Host": { "AllowedEnvironment": "PATH HOME" } } }
            """
        );

        Assert.Equal(3, problems.Count);
        Assert.StartsWith(
            "NanoClaw:Admin: is a section of settings (",
            problems[0],
            StringComparison.Ordinal
        );
        Assert.Equal(
            "NanoClaw:DefaultTimeout: takes one value, not a section of settings (set in appsettings.json)",
            problems[1]
        );
        Assert.Equal(
            "NanoClaw:Host:AllowedEnvironment: must be a list, not 'PATH HOME' (set in appsettings.json)",
            problems[2]
        );
    }

    [Fact]
    public void A_misspelled_NanoClaw_section_is_refused_rather_than_ignored_whole()
    {
        var problems = Check("""{ "NanoClw": { "ExecutionMode": "host" } }""");

        Assert.Equal(
            ["NanoClw: unknown section; did you mean 'NanoClaw'? (set in appsettings.json)"],
            problems
        );
    }

    [Fact]
    public void Keys_match_in_any_case_and_lists_take_numbered_items()
    {
        var problems = Check(
            """
            { "nanoclaw": { "executionmode": "Host", "HOST": { "AllowedEnvironment": ["PATH", "HOME"],
                                                             "AgentCommand": ["x", "{prompt}"] },
                            "Admin": { "AllowedHosts": ["example.org"] }, "Container": { "CapAdd": [] } },
              "Serilog": { "MinimumLevel": "Debug" } }
            """
        );

        Assert.Empty(problems);
    }

    [Fact]
    public void The_last_layer_that_sets_a_key_is_named_as_where_it_was_set()
    {
        using var dir = new TempDir();
        dir.WriteFile("appsettings.json", """{ "NanoClaw": { "MaxConcurrentRuns": "four" } }""");
        var configuration = new ConfigurationBuilder()
            .SetBasePath(dir.Path)
            .AddJsonFile("appsettings.json")
            .AddCommandLine(["--NanoClaw:MaxConcurrentRuns=five", "--NanoClaw:Typo=1"])
            .Build();

        var problems = SettingsCheck.Problems(configuration);

        Assert.Equal(
            [
                "NanoClaw:MaxConcurrentRuns: 'five' is not a whole number (set in command line --NanoClaw:MaxConcurrentRuns)",
                "NanoClaw:Typo: unknown setting (set in command line --NanoClaw:Typo)",
            ],
            problems
        );
    }

    [Fact]
    public void Nothing_is_bound_while_any_key_or_value_is_wrong()
    {
        using var dir = new TempDir();
        dir.WriteFile(
            "appsettings.json",
            """{ "NanoClaw": { "MaxConcurrentRuns": 0, "ExecutionMod": "host" } }"""
        );
        var configuration = new ConfigurationBuilder()
            .SetBasePath(dir.Path)
            .AddJsonFile("appsettings.json")
            .Build();

        var (options, problems) = NanoClawConfiguration.Bind(configuration);

        Assert.Null(options);
        Assert.Single(problems);
    }

    [Fact]
    public void Every_setting_the_README_documents_is_one_NanoClaw_reads()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var table = readme[readme.IndexOf("## Configuration (", StringComparison.Ordinal)..];
        table = table[
            ..table.IndexOf(
                "\n\n",
                table.IndexOf("| key |", StringComparison.Ordinal),
                StringComparison.Ordinal
            )
        ];
        var keys = table
            .Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(
            keys,
            key =>
            {
                var shape = SettingShape.Root;
                foreach (var part in key.Split(':'))
                    Assert.True(
                        shape.Children.TryGetValue(part, out shape!),
                        $"README documents NanoClaw:{key}, which no option reads"
                    );
            }
        );
    }

    [Fact]
    public async Task Validate_names_environment_variables_and_command_line_keys_and_exits_2()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs("""{ "groups": { "main": { "isMain": true } }, "tasks": [] }""");

        var run = await CliRun.ExecAsync(
            workspace.Path,
            ["validate", "--NanoClaw:Admin:Ur1=http://127.0.0.1:1"],
            new Dictionary<string, string>
            {
                ["NanoClaw__ExecutionMod"] = "host",
                ["NanoClaw__DefaultTimeout"] = "30m",
            }
        );

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(
            "NanoClaw:Admin:Ur1: unknown setting; did you mean 'Url'? (set in command line --NanoClaw:Admin:Ur1)",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:ExecutionMod: unknown setting; did you mean 'ExecutionMode'? (set in environment variable NanoClaw__ExecutionMod)",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:DefaultTimeout: '30m' is not a duration",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_an_unknown_key_before_it_touches_anything()
    {
        using var workspace = new Workspace(s => s["ExecutionMod"] = "host");
        workspace.WriteJobs("""{ "groups": { "main": { "isMain": true } }, "tasks": [] }""");

        var run = await CliRun.ExecAsync(workspace.Path, ["serve"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(
            "NanoClaw:ExecutionMod: unknown setting",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.False(Directory.Exists(workspace.DataDir), "serve created the data directory");
    }

    [Fact]
    public async Task An_appsettings_file_that_is_not_JSON_is_a_clear_error_not_a_stack_trace()
    {
        using var workspace = new Workspace();
        workspace.RewriteSettings(text => text[..(text.Length / 2)]);

        var run = await workspace.CliAsync("validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith(
            "appsettings.json: cannot be read: ",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Check(string json)
    {
        using var dir = new TempDir();
        dir.WriteFile("appsettings.json", json);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(dir.Path)
            .AddJsonFile("appsettings.json")
            .Build();
        return [.. SettingsCheck.Problems(configuration)];
    }
}
