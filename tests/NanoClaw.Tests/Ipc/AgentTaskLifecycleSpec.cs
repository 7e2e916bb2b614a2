using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>Agent tasks are first-class: changed by the six actions, kept across restarts and reloads, managed by an operator.</summary>
public sealed class AgentTaskLifecycleSpec
{
    private static readonly object Echo = new[] { "sh", "-c", "echo agent-task" };

    [Fact(Timeout = 120_000)]
    public async Task List_update_pause_resume_and_cancel_act_on_the_agents_own_task()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder().Group("main", isMain: true).Group("ops").ToString()
        );
        var ops = new IpcFolderClient(workspace, "ops");
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var created = IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new
                {
                    id = "s",
                    action = "schedule_task",
                    task = new
                    {
                        id = "mine",
                        cron = "0 9 * * 1-5",
                        timeZone = "Europe/Berlin",
                        prompt = "summarise my inbox",
                    },
                }
            )
        );
        Assert.Equal("agent", created["task"]!["source"]!.GetValue<string>());
        Assert.Null(created["task"]!["createdBy"]);

        var updated = IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new
                {
                    id = "u",
                    action = "update_task",
                    taskId = "mine",
                    task = new { interval = "01:00:00", description = "hourly now" },
                }
            )
        );
        Assert.Equal("every 01:00:00", updated["task"]!["schedule"]!.GetValue<string>());
        Assert.Equal(
            "summarise my inbox",
            updated["task"]!["definition"]!["prompt"]!.GetValue<string>()
        );
        Assert.Null(updated["task"]!["definition"]!["cron"]);

        Assert.Equal(
            "paused",
            IpcFolderClient.AssertOk(
                await ops.AskAsync(
                    new
                    {
                        id = "p",
                        action = "pause_task",
                        taskId = "mine",
                    }
                )
            )["task"]!["state"]!.GetValue<string>()
        );
        Assert.Equal(
            "paused",
            (await AgentTasks.FindAsync(workspace, "mine"))!["state"]!.GetValue<string>()
        );
        Assert.Equal(
            "normal",
            IpcFolderClient.AssertOk(
                await ops.AskAsync(
                    new
                    {
                        id = "r",
                        action = "resume_task",
                        taskId = "mine",
                    }
                )
            )["task"]!["state"]!.GetValue<string>()
        );

        var listed = IpcFolderClient.AssertOk(
            await ops.AskAsync(new { id = "l", action = "list_tasks" })
        )["tasks"]!.AsArray();
        Assert.Equal("hourly now", Assert.Single(listed)!["description"]!.GetValue<string>());

        // A repeated id with the same content is answered the same; with other content it is refused.
        var again = await ops.AskAsync(
            new
            {
                id = "p",
                action = "pause_task",
                taskId = "mine",
            }
        );
        Assert.Equal("paused", again["task"]!["state"]!.GetValue<string>());
        Assert.Equal(
            "normal",
            (await AgentTasks.FindAsync(workspace, "mine"))!["state"]!.GetValue<string>()
        );
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "p",
                    action = "cancel_task",
                    taskId = "mine",
                }
            ),
            "the id 'p' was used by another request"
        );

        IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new
                {
                    id = "c",
                    action = "cancel_task",
                    taskId = "mine",
                }
            )
        );
        Assert.Null(await AgentTasks.FindAsync(workspace, "mine"));
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "c2",
                    action = "cancel_task",
                    taskId = "mine",
                }
            ),
            "no task 'mine' in group 'ops'"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Agent_tasks_survive_restarts_and_reloads_and_an_operator_pauses_and_removes_them()
    {
        using var workspace = new Workspace();
        var jobs = new JobsJsonBuilder().Group("main", isMain: true).Group("ops");
        workspace.WriteJobs(jobs.ToString());
        var ops = new IpcFolderClient(workspace, "ops");
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            IpcFolderClient.AssertOk(
                await ops.AskAsync(
                    new
                    {
                        id = "s",
                        action = "schedule_task",
                        task = new
                        {
                            id = "kept",
                            interval = "01:00:00",
                            command = Echo,
                        },
                    }
                )
            );
            // A reload that does not name the task leaves it alone.
            workspace.WriteJobs(
                jobs.ShellTask("file-task", "ops", "echo f", new { interval = "01:00:00" })
                    .ToString()
            );
            Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
            Assert.NotNull(await AgentTasks.FindAsync(workspace, "kept"));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        // Written while the daemon is down: answered after it starts.
        ops.Send(new { id = "while-down", action = "list_tasks" });
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            var listed = IpcFolderClient.AssertOk(await ops.AnswerAsync("while-down"))[
                "tasks"
            ]!.AsArray();
            Assert.Equal(
                ["file-task", "kept"],
                listed.Select(t => t!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)
            );
            var kept = await AgentTasks.FindAsync(workspace, "kept");
            Assert.Equal("agent", kept!["source"]!.GetValue<string>());

            Assert.Equal(0, (await workspace.CliAsync("pause", "kept")).ExitCode);
            Assert.Equal(
                "paused",
                (await AgentTasks.FindAsync(workspace, "kept"))!["state"]!.GetValue<string>()
            );
            var remove = await workspace.CliAsync("tasks", "remove", "kept");
            Assert.True(remove.ExitCode == 0, remove.ToString());
            Assert.Null(await AgentTasks.FindAsync(workspace, "kept"));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_daemon_killed_while_serving_many_requests_answers_each_once_and_creates_each_task_once()
    {
        const int Count = 60;
        using var workspace = new Workspace(settings =>
            settings["Agents"] = new JsonObject { ["MaxTasksPerGroup"] = 1000 }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder().Group("main", isMain: true).Group("ops").ToString()
        );
        var ops = new IpcFolderClient(workspace, "ops");
        for (var i = 0; i < Count; i++)
            ops.Send(
                new
                {
                    id = $"r{i}",
                    action = "schedule_task",
                    task = new
                    {
                        id = $"t{i}",
                        interval = "01:00:00",
                        command = Echo,
                    },
                }
            );

        await using (var daemon = workspace.StartDaemon())
        {
            // Killed once some, not all, have been answered.
            await Eventually.TrueAsync(
                () => Directory.GetFiles(ops.ResponsesDir, "r*.json").Length >= 3,
                TimeSpan.FromSeconds(60),
                "no request was answered"
            );
            await daemon.CrashAsync();
        }
        var answeredBeforeCrash = Directory.GetFiles(ops.ResponsesDir, "r*.json").Length;
        TestContext.Current.SendDiagnosticMessage(
            $"{answeredBeforeCrash} of {Count} answered before SIGKILL"
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await ops.RequestsGoneAsync(TimeSpan.FromSeconds(90));
            for (var i = 0; i < Count; i++)
            {
                var answer = IpcFolderClient.AssertOk(await ops.AnswerAsync($"r{i}"));
                Assert.Equal($"t{i}", answer["task"]!["id"]!.GetValue<string>());
            }
            var tasks = (await AgentTasks.ListAsync(workspace))
                .Select(t => t!["id"]!.GetValue<string>())
                .ToList();
            Assert.Equal(Count, tasks.Count);
            Assert.Equal(Count, tasks.Distinct().Count());
            Assert.DoesNotContain("exists already", daemon.Output, StringComparison.Ordinal);
        }
    }
}
