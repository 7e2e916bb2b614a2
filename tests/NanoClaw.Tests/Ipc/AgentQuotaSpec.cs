using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>Agents:MaxTasksPerGroup, Agents:MinInterval (interval and cron) and Agents:MaxPromptBytes, each refused with its limit and setting.</summary>
public sealed class AgentQuotaSpec
{
    private static readonly object Echo = new[] { "sh", "-c", "echo hi" };

    [Fact(Timeout = 90_000)]
    public async Task Each_quota_refuses_with_its_limit_and_setting_and_creates_nothing()
    {
        using var workspace = new Workspace(settings =>
            settings["Agents"] = new JsonObject
            {
                ["MaxTasksPerGroup"] = 2,
                ["MinInterval"] = "00:10:00",
                ["MaxPromptBytes"] = 100,
            }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder().Group("main", isMain: true).Group("ops").ToString()
        );
        var ops = new IpcFolderClient(workspace, "ops");
        var main = new IpcFolderClient(workspace, "main");
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "short",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q1",
                        interval = "00:09:59",
                        command = Echo,
                    },
                }
            ),
            "'interval' 00:09:59 is shorter than 00:10:00, the shortest period an agent task may fire at (NanoClaw:Agents:MinInterval)"
        );
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "cron",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q2",
                        cron = "*/5 * * * *",
                        command = Echo,
                    },
                }
            ),
            "fires 00:05:00 apart at times, more often than every 00:10:00"
        );
        // Two firings five minutes apart once a day, and a day apart otherwise: the short gap is found.
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "cron-pair",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q3",
                        cron = "0,5 9 * * *",
                        command = Echo,
                    },
                }
            ),
            "NanoClaw:Agents:MinInterval"
        );
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "prompt",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q4",
                        interval = "01:00:00",
                        prompt = new string('p', 101),
                    },
                }
            ),
            "the prompt is 101 bytes, more than the 100 an agent task may have (NanoClaw:Agents:MaxPromptBytes)"
        );
        // An update is held to the same quotas.
        IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new
                {
                    id = "ok1",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q5",
                        cron = "*/10 * * * *",
                        command = Echo,
                    },
                }
            )
        );
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "upd",
                    action = "update_task",
                    taskId = "q5",
                    task = new { interval = "00:01:00" },
                }
            ),
            "NanoClaw:Agents:MinInterval"
        );
        IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new
                {
                    id = "ok2",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q6",
                        interval = "00:10:00",
                        prompt = "summarise",
                    },
                }
            )
        );
        IpcFolderClient.AssertRefused(
            await ops.AskAsync(
                new
                {
                    id = "third",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q7",
                        interval = "01:00:00",
                        command = Echo,
                    },
                }
            ),
            "group 'ops' has 2 agent task(s), the most it may have (NanoClaw:Agents:MaxTasksPerGroup = 2)"
        );
        // The quota is per group, and main filling ops's is refused the same way.
        IpcFolderClient.AssertRefused(
            await main.AskAsync(
                new
                {
                    id = "m-third",
                    action = "schedule_task",
                    group = "ops",
                    task = new
                    {
                        id = "q8",
                        interval = "01:00:00",
                        command = Echo,
                    },
                }
            ),
            "NanoClaw:Agents:MaxTasksPerGroup = 2"
        );
        IpcFolderClient.AssertOk(
            await main.AskAsync(
                new
                {
                    id = "m-own",
                    action = "schedule_task",
                    task = new
                    {
                        id = "q9",
                        interval = "01:00:00",
                        command = Echo,
                    },
                }
            )
        );

        var agentTasks = (await AgentTasks.ListAsync(workspace))
            .Select(t => t!["id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["q5", "q6", "q9"], agentTasks);
        Assert.Equal(
            "cron */10 * * * *",
            (await AgentTasks.FindAsync(workspace, "q5"))!["schedule"]!.GetValue<string>()
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Invalid_quota_settings_are_reported_by_name()
    {
        using var workspace = new Workspace(settings =>
            settings["Agents"] = new JsonObject
            {
                ["MaxTasksPerGroup"] = -1,
                ["MaxPromptBytes"] = 0,
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var run = await workspace.CliAsync("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(
            "NanoClaw:Agents:MaxTasksPerGroup",
            run.Stderr + run.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:Agents:MaxPromptBytes",
            run.Stderr + run.Stdout,
            StringComparison.Ordinal
        );
    }
}
