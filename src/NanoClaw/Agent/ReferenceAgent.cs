using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NanoClaw.Mcp;

namespace NanoClaw.Agent;

/// <summary>
/// A small agent that speaks NanoClaw's protocol, for the samples and tests, and as a model for a
/// real one: it reads the stdin object, "answers" the prompt, keeps the session going, and reports
/// through the sentinel block. A prompt containing <c>FAIL</c> fails; <c>SLEEP:N</c> waits N seconds;
/// <c>schedule: &lt;5-field cron&gt; &lt;text&gt;</c> schedules a task with that prompt through the
/// IPC folder, as a real agent does with the <c>schedule_task</c> tool.
/// </summary>
internal static partial class ReferenceAgent
{
    public static async Task<int> RunAsync(
        TextReader input,
        TextWriter output,
        CancellationToken cancellationToken = default
    )
    {
        var request =
            JsonNode.Parse(await input.ReadToEndAsync(cancellationToken)) as JsonObject ?? [];
        var prompt = (string?)request["prompt"] ?? "";
        var taskId = (string?)request["taskId"];
        var sessionId = (string?)request["sessionId"] ?? $"session-{Guid.NewGuid():N}";
        if (Sleep().Match(prompt) is { Success: true } sleep)
            await Task.Delay(
                TimeSpan.FromSeconds(
                    int.Parse(
                        sleep.Groups[1].Value,
                        System.Globalization.CultureInfo.InvariantCulture
                    )
                ),
                cancellationToken
            );

        await output.WriteLineAsync(
            $"reference agent: task {taskId ?? "(exec)"} in group {(string?)request["group"]}"
        );
        if (request["gateData"] is { } gateData)
            await output.WriteLineAsync($"gate data: {gateData.ToJsonString()}");
        if (ScheduleCommand().Match(prompt) is { Success: true } schedule)
            return await ScheduleAsync(
                schedule.Groups[1].Value,
                schedule.Groups[2].Value.Trim(),
                sessionId,
                output,
                cancellationToken
            );

        var failed = prompt.Contains("FAIL", StringComparison.Ordinal);
        var answer = new JsonObject
        {
            ["status"] = failed ? "error" : "success",
            ["result"] = failed ? null : $"Processed prompt: {prompt}",
            ["newSessionId"] = sessionId,
            ["error"] = failed ? "the prompt asked to fail" : null,
        };
        await ReportAsync(output, answer);
        return failed ? 1 : 0;
    }

    /// <summary>One <c>schedule_task</c> request; the daemon's answer (or refusal) is the run's result.</summary>
    private static async Task<int> ScheduleAsync(
        string cron,
        string text,
        string sessionId,
        TextWriter output,
        CancellationToken cancellationToken
    )
    {
        var task = new JsonObject
        {
            ["id"] = $"agent-{Guid.NewGuid():N}"[..14],
            ["cron"] = cron,
            ["prompt"] = text,
            ["description"] = "scheduled by the reference agent",
        };
        JsonObject answer;
        try
        {
            answer = await IpcClient
                .FromEnvironment(IpcClient.DefaultTimeout)
                .SendAsync("schedule_task", new JsonObject { ["task"] = task }, cancellationToken);
        }
        catch (Exception ex) when (ex is IpcException or IpcRefusedException)
        {
            await ReportAsync(
                output,
                new JsonObject
                {
                    ["status"] = "error",
                    ["result"] = null,
                    ["newSessionId"] = sessionId,
                    ["error"] = $"schedule_task failed: {ex.Message}",
                }
            );
            return 1;
        }
        await output.WriteLineAsync($"scheduled task {(string?)task["id"]} ({cron})");
        await ReportAsync(
            output,
            new JsonObject
            {
                ["status"] = "success",
                ["result"] = answer,
                ["newSessionId"] = sessionId,
                ["error"] = null,
            }
        );
        return 0;
    }

    private static async Task ReportAsync(TextWriter output, JsonObject answer)
    {
        await output.WriteLineAsync("---NANOCLAW_OUTPUT_START---");
        await output.WriteLineAsync(
            answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false })
        );
        await output.WriteLineAsync("---NANOCLAW_OUTPUT_END---");
    }

    // "schedule: 0 9 * * 1-5 Summarise my inbox": five cron fields, then the new task's prompt.
    [GeneratedRegex(
        @"\Aschedule:\s*(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s+(\S.*)\z",
        RegexOptions.Singleline
    )]
    private static partial Regex ScheduleCommand();

    [GeneratedRegex(@"SLEEP:(\d+)")]
    private static partial Regex Sleep();
}
