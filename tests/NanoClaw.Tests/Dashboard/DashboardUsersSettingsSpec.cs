using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using NanoClaw.Dashboard;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// <c>NanoClaw:Dashboard:Users</c> as an operator writes it: every mistake named by its key by
/// <c>validate</c> and by <c>serve</c>, which does not start; and <c>nanoclaw dashboard
/// hash-password</c>, whose output is the only thing that belongs in <c>PasswordHash</c>.
/// </summary>
public sealed class DashboardUsersSettingsSpec
{
    private const string PlainPassword = "plain-text-password-in-settings";
    private const string MisplacedPassword = "written-under-the-wrong-key";
    private const string Password = "a-long-enough-password-9";

    [Fact(Timeout = 90_000)]
    public async Task Every_bad_user_entry_is_named_by_validate_and_serve_refuses_to_start()
    {
        var good = DashboardCredentials.Hash(Password);
        // Another format PasswordHasher reads (version 0) but hash-password never writes.
        var otherFormat = Convert.ToBase64String([0x00, .. new byte[48]]);
        using var workspace = new Workspace(s =>
            s["Dashboard"] = new JsonObject
            {
                ["Users"] = new JsonArray(
                    User(null, good, "operator"),
                    User("amy", PlainPassword, "viewer"),
                    User("bea", otherFormat, "viewer"),
                    User("cid", good[..40], "viewer"),
                    User("dan", good, "admin"),
                    User("amy", good, "operator")
                ),
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var validate = await workspace.CliAsync("validate");
        var serve = await CliRun.ExecAsync(workspace.Path, ["serve"]);
        // A password under a key of its own is an unknown setting, reported before any other check.
        workspace.RewriteSettings(text =>
        {
            var settings = JsonNode.Parse(text)!;
            settings["NanoClaw"]!["Dashboard"]!["Users"] = new JsonArray(
                new JsonObject
                {
                    ["Name"] = "eve",
                    ["Password"] = MisplacedPassword,
                    ["Role"] = "viewer",
                }
            );
            return settings.ToJsonString();
        });
        var misplaced = await workspace.CliAsync("validate");

        foreach (var run in new[] { validate, serve })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            foreach (
                var expected in new[]
                {
                    "NanoClaw:Dashboard:Users:0:Name: must not be empty",
                    "NanoClaw:Dashboard:Users:1:PasswordHash: must be a hash made by 'nanoclaw dashboard hash-password'",
                    "NanoClaw:Dashboard:Users:2:PasswordHash: must be a hash",
                    "NanoClaw:Dashboard:Users:3:PasswordHash: must be a hash",
                    "NanoClaw:Dashboard:Users:4:Role: must be 'operator' or 'viewer', not 'admin'",
                    "NanoClaw:Dashboard:Users:5:Name: 'amy' is listed twice",
                }
            )
                Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(PlainPassword, run.Stdout + run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
        Assert.True(misplaced.ExitCode == 2, misplaced.ToString());
        Assert.Contains(
            "NanoClaw:Dashboard:Users:0:Password: unknown setting",
            misplaced.Stderr,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            MisplacedPassword,
            misplaced.Stdout + misplaced.Stderr,
            StringComparison.Ordinal
        );
        Assert.False(File.Exists(workspace.DatabaseFile), "serve started on bad users");
    }

    [Fact(Timeout = 90_000)]
    public async Task Hash_password_reads_stdin_refuses_empty_input_and_its_hash_logs_that_user_in_with_its_role()
    {
        var piped = await HashAsync(Password + "\n");
        var empty = await HashAsync("");
        var blankLine = await HashAsync("\n");
        var hash = piped.Stdout.Trim();

        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Single(piped.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Password, piped.Stdout + piped.Stderr, StringComparison.Ordinal);
        foreach (var refused in new[] { empty, blankLine })
        {
            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.Contains("No password", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal("", refused.Stdout);
        }

        using var workspace = new Workspace(s =>
            s["Dashboard"] = new JsonObject
            {
                ["Users"] = new JsonArray(
                    User("vic", hash, "viewer"),
                    User("ola", hash, "operator")
                ),
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        var validate = await workspace.CliAsync("validate");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        foreach (var (name, role) in new[] { ("vic", "viewer"), ("ola", "operator") })
        {
            using var browser = new DashboardHttp(workspace.AdminUrl);
            var login = await browser.LoginAsync(null, name, Password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var page = await browser.Client.GetStringAsync(
                "/",
                TestContext.Current.CancellationToken
            );
            Assert.Contains(
                $"{name} <span class=\"role\">({role})",
                page,
                StringComparison.Ordinal
            );
        }
        using var wrong = new DashboardHttp(workspace.AdminUrl);
        var refusedLogin = await wrong.LoginAsync(null, "ola", Password + "!");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedLogin.StatusCode);
        Assert.DoesNotContain(Password, daemon.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task At_a_terminal_hash_password_does_not_echo_what_is_typed()
    {
        var script = RequireTool.OnPath("script", "apt-get install -y bsdutils");
        var info = new ProcessStartInfo(script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (
            var arg in new[]
            {
                "-qfc",
                $"{DaemonProcess.ExecutablePath} dashboard hash-password",
                "/dev/null",
            }
        )
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var screen = new System.Text.StringBuilder();
        var reading = Task.Run(
            async () =>
            {
                var buffer = new char[256];
                int read;
                while (
                    (
                        read = await process.StandardOutput.ReadAsync(
                            buffer.AsMemory(),
                            TestContext.Current.CancellationToken
                        )
                    ) > 0
                )
                    lock (screen)
                        screen.Append(buffer, 0, read);
            },
            TestContext.Current.CancellationToken
        );

        await TypeAfterAsync(process, screen, "Password: ");
        await TypeAfterAsync(process, screen, "Again: ");
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await reading;

        var shown = screen.ToString();
        Assert.True(process.ExitCode == 0, shown);
        Assert.Contains("AQAAAA", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Password[..6], shown, StringComparison.Ordinal);
    }

    /// <summary>Types the password once the prompt is on screen, as a person would.</summary>
    private static async Task TypeAfterAsync(
        Process process,
        System.Text.StringBuilder screen,
        string prompt
    )
    {
        await Eventually.TrueAsync(
            () =>
            {
                lock (screen)
                    return screen.ToString().Contains(prompt, StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(30),
            $"the prompt '{prompt}' appeared"
        );
        // The prompt is written just before the terminal is set not to echo.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(Password + "\r");
        await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
    }

    private static JsonObject User(string? name, string hash, string role) =>
        new()
        {
            ["Name"] = name,
            ["PasswordHash"] = hash,
            ["Role"] = role,
        };

    private static async Task<CliRun> HashAsync(string stdin)
    {
        var info = new ProcessStartInfo(DaemonProcess.ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("dashboard");
        info.ArgumentList.Add("hash-password");
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
