using System.Net;
using System.Text;
using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>A queued run an admin was told is dropped never runs, even when it was about to start.</summary>
public sealed class DropQueuedRunSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_run_dropped_as_the_run_ahead_of_it_ends_never_runs()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var http = AdminHttp.For(workspace);
        var outcomes = new List<(HttpStatusCode Answer, bool Ran)>();

        // Drops timed around the moment the run ahead ends, so some land while Quartz hands the
        // queued firing over: whatever the answer, it must be true.
        for (var round = 0; round < 12; round++)
        {
            var marker = workspace.Combine($"ran-{round}");
            await ExecAsync(http, "sleep 0.4", ct);
            var queued = await ExecAsync(http, $"touch {marker}", ct);
            await Task.Delay(300 + 15 * round, ct);
            using var body = new StringContent("", Encoding.UTF8, "application/json");
            var answer = (await http.PostAsync($"/api/runs/{queued}/cancel", body, ct)).StatusCode;
            await Task.Delay(1500, ct);
            // A dropped run is recorded too, as cancelled before it started; any other record means it ran.
            var recorded = (await workspace.RunsAsync()).Any(r =>
                r.Id == queued && r.Error != "cancelled by an admin before it started"
            );
            outcomes.Add((answer, File.Exists(marker) || recorded));
        }

        Assert.All(
            outcomes.Where(o => o.Answer == HttpStatusCode.OK),
            o => Assert.False(o.Ran, "a run answered as dropped ran")
        );
        Assert.Contains(outcomes, o => o.Answer == HttpStatusCode.OK);
    }

    private static async Task<string> ExecAsync(
        HttpClient http,
        string script,
        CancellationToken ct
    )
    {
        using var body = new StringContent(
            JsonSerializer.Serialize(
                new { group = "main", command = new[] { "sh", "-c", script } }
            ),
            Encoding.UTF8,
            "application/json"
        );
        var answer = await http.PostAsync("/api/exec", body, ct);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("runId").GetString()!;
    }
}
