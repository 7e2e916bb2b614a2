using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NanoClaw.Agent;

/// <summary>
/// A small agent that speaks NanoClaw's protocol, for the samples and tests, and as a model for a
/// real one: it reads the stdin object, "answers" the prompt, keeps the session going, and reports
/// through the sentinel block. A prompt containing <c>FAIL</c> fails; <c>SLEEP:N</c> waits N seconds.
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

        var failed = prompt.Contains("FAIL", StringComparison.Ordinal);
        await output.WriteLineAsync(
            $"reference agent: task {taskId ?? "(exec)"} in group {(string?)request["group"]}"
        );
        var answer = new JsonObject
        {
            ["status"] = failed ? "error" : "success",
            ["result"] = failed ? null : $"Processed prompt: {prompt}",
            ["newSessionId"] = sessionId,
            ["error"] = failed ? "the prompt asked to fail" : null,
        };
        await output.WriteLineAsync("---NANOCLAW_OUTPUT_START---");
        await output.WriteLineAsync(
            answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false })
        );
        await output.WriteLineAsync("---NANOCLAW_OUTPUT_END---");
        return failed ? 1 : 0;
    }

    [GeneratedRegex(@"SLEEP:(\d+)")]
    private static partial Regex Sleep();
}
