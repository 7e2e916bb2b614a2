using System.Net;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Faults;

public sealed class StoreFaultSpec
{
    private static Workspace NewWorkspace() => new(n => n["StoreRetryBudget"] = "00:00:03");

    /// <summary>
    /// "main/slow" starts, waits for a go file, then prints its result; "other/tick" appends a line
    /// every second, so what the scheduler takes during a fault shows in that file.
    /// </summary>
    private static (string Marks, string Jobs) Jobs(Workspace workspace)
    {
        var marks = workspace.Combine("marks");
        Directory.CreateDirectory(marks);
        var jobs = new JobsJsonBuilder()
            .Group("main", isMain: true)
            .Group("other")
            .ShellTask(
                "slow",
                "main",
                $"echo x >> {marks}/started; while [ ! -f {marks}/go ]; do sleep 0.05; done; echo real-outcome",
                new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)) }
            )
            .ShellTask("tick", "other", $"echo x >> {marks}/ticks", new { interval = "00:00:01" })
            .ToString();
        return (marks, jobs);
    }

    private static int Lines(string file) => File.Exists(file) ? File.ReadAllLines(file).Length : 0;

    private static string HeldFile(Workspace workspace, string runId) =>
        Path.Combine(workspace.DataDir, "held-runs", runId + ".json");

    private static async Task<RunRecord> RunningSlowAsync(Workspace workspace, string marks)
    {
        await Eventually.FileWrittenAsync(Path.Combine(marks, "started"), TimeSpan.FromSeconds(20));
        var runs = await workspace.WaitForRunsAsync("slow", 1, TimeSpan.FromSeconds(10));
        return Assert.Single(runs);
    }

    /// <summary>Waits until <c>/healthz</c> answers <paramref name="expected"/> with <paramref name="saying"/> in its body.</summary>
    private static async Task WaitForHealthAsync(
        Workspace workspace,
        HttpStatusCode expected,
        string saying,
        TimeSpan timeout
    )
    {
        await Eventually.TrueAsync(
            async () =>
            {
                var (status, body) = await Health.GetAsync(workspace.AdminUrl);
                return status == expected && body.Contains(saying, StringComparison.Ordinal);
            },
            timeout,
            $"/healthz never answered {(int)expected} with '{saying}'"
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_run_that_ends_while_the_store_is_locked_is_held_back_the_scheduler_waits_and_the_real_outcome_is_recorded_on_release()
    {
        using var workspace = NewWorkspace();
        var (marks, jobs) = Jobs(workspace);
        workspace.WriteJobs(jobs);
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var slow = await RunningSlowAsync(workspace, marks);
        Assert.Equal(HttpStatusCode.OK, (await Health.GetAsync(workspace.AdminUrl)).Status);

        using (StoreLock.Take(workspace.DatabaseFile))
        {
            File.WriteAllText(Path.Combine(marks, "go"), "");
            // Longer than the retry budget (3 s) and the watchdog's second.
            await WaitForHealthAsync(
                workspace,
                HttpStatusCode.ServiceUnavailable,
                "the scheduler is in standby",
                TimeSpan.FromSeconds(20)
            );
            var (_, body) = await Health.GetAsync(workspace.AdminUrl);
            Assert.Contains("refuses writes", body, StringComparison.Ordinal);
            await daemon.WaitForOutputAsync("Scheduler in standby", TimeSpan.FromSeconds(5));
            Assert.Contains(workspace.DatabaseFile, daemon.Output, StringComparison.Ordinal);

            var held = HeldFile(workspace, slow.Id);
            Assert.True(File.Exists(held), $"no held-back record at {held}:\n{daemon.Output}");
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(held)
            );
            // WAL readers are not blocked by the lock: the row still says running.
            Assert.Equal(
                RunStatus.Running,
                Assert.Single(await workspace.RunsAsync("slow")).Status
            );

            var ticks = Lines(Path.Combine(marks, "ticks"));
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal(ticks, Lines(Path.Combine(marks, "ticks")));
        }

        await WaitForHealthAsync(workspace, HttpStatusCode.OK, "healthy", TimeSpan.FromSeconds(20));
        await daemon.WaitForOutputAsync("Scheduler resumed", TimeSpan.FromSeconds(5));
        var recorded = Assert.Single(await workspace.RunsAsync("slow"));
        Assert.Equal(slow.Id, recorded.Id);
        Assert.Equal(RunStatus.Succeeded, recorded.Status);
        Assert.Contains("real-outcome", recorded.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(HeldFile(workspace, slow.Id)));
        Assert.Equal(1, Lines(Path.Combine(marks, "started")));

        // Firing again: the ticks go on once the scheduler is back.
        var before = Lines(Path.Combine(marks, "ticks"));
        await Eventually.TrueAsync(
            () => Lines(Path.Combine(marks, "ticks")) > before,
            TimeSpan.FromSeconds(10),
            "no tick ran after the store took writes again"
        );
        Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_record_held_back_when_the_daemon_dies_is_written_with_its_real_outcome_at_the_next_start_not_marked_interrupted_nor_run_again()
    {
        using var workspace = NewWorkspace();
        var (marks, jobs) = Jobs(workspace);
        workspace.WriteJobs(jobs);
        RunRecord slow;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            slow = await RunningSlowAsync(workspace, marks);
            using (StoreLock.Take(workspace.DatabaseFile))
            {
                File.WriteAllText(Path.Combine(marks, "go"), "");
                await Eventually.FileWrittenAsync(
                    HeldFile(workspace, slow.Id),
                    TimeSpan.FromSeconds(20)
                );
                await daemon.CrashAsync();
            }
        }
        Assert.Equal(RunStatus.Running, Assert.Single(await workspace.RunsAsync("slow")).Status);

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Contains(
                "the previous daemon could not write its record",
                daemon.Output,
                StringComparison.Ordinal
            );
            // Long enough for a recovery of the firing to have started, had it been going to.
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var recorded = Assert.Single(await workspace.RunsAsync("slow"));
        Assert.Equal(slow.Id, recorded.Id);
        Assert.Equal(RunStatus.Succeeded, recorded.Status);
        Assert.Contains("real-outcome", recorded.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Lines(Path.Combine(marks, "started")));
        Assert.False(File.Exists(HeldFile(workspace, slow.Id)));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_admin_call_that_must_write_answers_503_within_seconds_while_the_store_is_locked()
    {
        using var workspace = NewWorkspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        using var http = AdminHttp.For(workspace);
        http.Timeout = TimeSpan.FromSeconds(30);

        using (StoreLock.Take(workspace.DatabaseFile))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await http.PostAsync(
                "/api/exec",
                new StringContent(
                    """{"group":"main","command":["true"]}""",
                    System.Text.Encoding.UTF8,
                    "application/json"
                ),
                TestContext.Current.CancellationToken
            );
            clock.Stop();
            var body = await response.Content.ReadAsStringAsync(
                TestContext.Current.CancellationToken
            );
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("busy", body, StringComparison.Ordinal);
            Assert.Contains("\"detail\"", body, StringComparison.Ordinal);
            Assert.True(
                clock.Elapsed < TimeSpan.FromSeconds(15),
                $"answered after {clock.Elapsed}"
            );
        }

        // The same call goes through once the lock is gone.
        using var again = await http.PostAsync(
            "/api/exec",
            new StringContent(
                """{"group":"main","command":["true"]}""",
                System.Text.Encoding.UTF8,
                "application/json"
            ),
            TestContext.Current.CancellationToken
        );
        Assert.True(again.IsSuccessStatusCode, $"exec after the lock: {(int)again.StatusCode}");
    }
}
