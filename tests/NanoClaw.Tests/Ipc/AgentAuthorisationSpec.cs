using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>The group is the folder a request came from: what a non-main agent may not do, and what main may.</summary>
public sealed class AgentAuthorisationSpec
{
    private static readonly object Echo = new[] { "sh", "-c", "echo hi" };

    private static Workspace Start(out Func<Task<DaemonProcess>> start)
    {
        var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops", extra: new { timeout = "00:10:00" })
                .Group("dev")
                .ShellTask("file-task", "ops", "echo file", new { interval = "01:00:00" })
                .ToString()
        );
        start = async () =>
        {
            var daemon = workspace.StartDaemon();
            await daemon.WaitUntilStartedAsync();
            return daemon;
        };
        return workspace;
    }

    [Fact(Timeout = 90_000)]
    public async Task A_non_main_agent_is_refused_everything_beyond_its_own_agent_tasks_and_nothing_changes()
    {
        using var workspace = Start(out var start);
        var ops = new IpcFolderClient(workspace, "ops");
        await using var daemon = await start();
        var before = await AgentTasks.SnapshotAsync(workspace);

        var refusals = new (object Request, string Reason)[]
        {
            (
                new
                {
                    id = "other-group",
                    action = "schedule_task",
                    group = "dev",
                    task = new
                    {
                        id = "x1",
                        interval = "01:00:00",
                        command = Echo,
                    },
                },
                "only in its own group, not in 'dev'"
            ),
            (
                new
                {
                    id = "other-in-task",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x2",
                        group = "dev",
                        interval = "01:00:00",
                        command = Echo,
                    },
                },
                "not in 'dev'"
            ),
            (
                new
                {
                    id = "list-other",
                    action = "list_tasks",
                    group = "dev",
                },
                "only its own group's tasks, not 'dev'"
            ),
            (
                new
                {
                    id = "pause-file",
                    action = "pause_task",
                    taskId = "file-task",
                },
                "defined in the jobs file"
            ),
            (
                new
                {
                    id = "cancel-file",
                    action = "cancel_task",
                    taskId = "file-task",
                },
                "defined in the jobs file"
            ),
            (
                new
                {
                    id = "update-file",
                    action = "update_task",
                    taskId = "file-task",
                    task = new { interval = "02:00:00" },
                },
                "defined in the jobs file"
            ),
            (
                new
                {
                    id = "mode",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x3",
                        interval = "01:00:00",
                        command = Echo,
                        executionMode = "container",
                    },
                },
                "'executionMode' container is not group 'ops''s mode"
            ),
            (
                new
                {
                    id = "env",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x4",
                        interval = "01:00:00",
                        command = Echo,
                        env = new { SECRET = "1" },
                    },
                },
                "'env' can be set only by the main group's agent"
            ),
            (
                new
                {
                    id = "timeout",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x5",
                        interval = "01:00:00",
                        command = Echo,
                        timeout = "00:10:01",
                    },
                },
                "longer than group 'ops''s timeout (00:10:00)"
            ),
            (
                new
                {
                    id = "collide",
                    action = "schedule_task",
                    task = new
                    {
                        id = "file-task",
                        interval = "01:00:00",
                        command = Echo,
                    },
                },
                "a task 'file-task' exists already (source: file)"
            ),
            (
                new
                {
                    id = "bad-id",
                    action = "schedule_task",
                    task = new
                    {
                        id = "../up",
                        interval = "01:00:00",
                        command = Echo,
                    },
                },
                "the id must match"
            ),
            (
                new
                {
                    id = "webhook",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x6",
                        interval = "01:00:00",
                        command = Echo,
                        notify = new[] { new { webhook = "http://127.0.0.1:9/leak" } },
                    },
                },
                "'notify' can only be set in the jobs file or through the admin API"
            ),
            (
                new
                {
                    id = "fast-retry",
                    action = "schedule_task",
                    task = new
                    {
                        id = "x7",
                        interval = "01:00:00",
                        command = Echo,
                        retry = new { maxAttempts = 100, delay = "00:00:01" },
                    },
                },
                "shorter than 00:05:00, the shortest period an agent task may fire at (NanoClaw:Agents:MinInterval)"
            ),
            (
                new
                {
                    id = "no-such",
                    action = "resume_task",
                    taskId = "ghost",
                },
                "no task 'ghost' in group 'ops'"
            ),
        };
        foreach (var (request, _) in refusals)
            ops.Send(request);
        foreach (var (request, reason) in refusals)
        {
            var id = (string)request.GetType().GetProperty("id")!.GetValue(request)!;
            IpcFolderClient.AssertRefused(await ops.AnswerAsync(id), reason);
        }
        await ops.RequestsGoneAsync();

        Assert.Equal(before, await AgentTasks.SnapshotAsync(workspace));
        Assert.Contains("of group ops refused", daemon.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_non_main_agent_cannot_touch_another_groups_agent_task_but_main_can_act_on_any_group()
    {
        using var workspace = Start(out var start);
        var ops = new IpcFolderClient(workspace, "ops");
        var dev = new IpcFolderClient(workspace, "dev");
        var main = new IpcFolderClient(workspace, "main");
        await using var daemon = await start();

        // Main may name the group, set env and a mode; the task is still an agent task of that group.
        var scheduled = IpcFolderClient.AssertOk(
            await main.AskAsync(
                new
                {
                    id = "m1",
                    action = "schedule_task",
                    group = "dev",
                    task = new
                    {
                        id = "dev-job",
                        interval = "01:00:00",
                        command = Echo,
                        env = new { TOKEN = "t" },
                        executionMode = "host",
                    },
                }
            )
        );
        Assert.Equal("dev", scheduled["task"]!["group"]!.GetValue<string>());
        Assert.Equal("agent", scheduled["task"]!["source"]!.GetValue<string>());

        // Another non-main group does not even see it.
        foreach (var action in new[] { "pause_task", "cancel_task" })
            IpcFolderClient.AssertRefused(
                await ops.AskAsync(
                    new
                    {
                        id = "o-" + action,
                        action,
                        taskId = "dev-job",
                    }
                ),
                "no task 'dev-job' in group 'ops'"
            );
        var opsList = IpcFolderClient.AssertOk(
            await ops.AskAsync(new { id = "o-list", action = "list_tasks" })
        );
        var opsIds = opsList["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["file-task"], opsIds);
        Assert.Equal("file", opsList["tasks"]![0]!["source"]!.GetValue<string>());

        // Its own group's agent cannot widen it either: the env main gave it stays main's to give.
        IpcFolderClient.AssertRefused(
            await dev.AskAsync(
                new
                {
                    id = "d-upd",
                    action = "update_task",
                    taskId = "dev-job",
                    task = new { interval = "02:00:00" },
                }
            ),
            "'env' can be set only by the main group's agent"
        );
        IpcFolderClient.AssertOk(
            await dev.AskAsync(
                new
                {
                    id = "d-pause",
                    action = "pause_task",
                    taskId = "dev-job",
                }
            )
        );
        IpcFolderClient.AssertOk(
            await main.AskAsync(
                new
                {
                    id = "m-resume",
                    action = "resume_task",
                    taskId = "dev-job",
                }
            )
        );
        var all = IpcFolderClient.AssertOk(
            await main.AskAsync(new { id = "m-list", action = "list_tasks" })
        );
        Assert.Equal(2, all["tasks"]!.AsArray().Count);
        IpcFolderClient.AssertOk(
            await main.AskAsync(
                new
                {
                    id = "m-cancel",
                    action = "cancel_task",
                    taskId = "dev-job",
                }
            )
        );
        Assert.Null(await AgentTasks.FindAsync(workspace, "dev-job"));
    }
}
