using System.Text;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Telemetry;

public sealed class TracesSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 120_000)]
    public async Task A_firing_its_run_and_the_runs_record_writes_reach_an_OTLP_collector_as_one_trace()
    {
        using var collector = new OtlpCollector();
        using var workspace = new Workspace(s =>
            s["Metrics"] = new JsonObject
            {
                ["Otlp"] = new JsonObject
                {
                    ["Endpoint"] = collector.Endpoint,
                    ["Protocol"] = "http/protobuf",
                },
            }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("fine", "main", "true")
                .ShellTask("broken", "main", "exit 4")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string>
            {
                // Export every half second instead of every 5 s (spans) and 60 s (metrics).
                ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            }
        );
        await daemon.WaitUntilStartedAsync();

        await workspace.CliAsync("trigger", "fine", "--wait");
        await workspace.CliAsync("trigger", "broken", "--wait");
        var runs = await workspace.RunsAsync();
        var fine = runs.Single(r => r.TaskId == "fine").Id;
        var broken = runs.Single(r => r.TaskId == "broken").Id;
        IReadOnlyList<OtlpSpan> spans = [];
        await Eventually.TrueAsync(
            () =>
            {
                spans = collector.Spans();
                return RunSpan(spans, fine) is not null && RunSpan(spans, broken) is not null;
            },
            Timeout,
            "the run spans never reached the collector"
        );

        var run = RunSpan(spans, fine)!;
        var firing = Assert.Single(spans, s => s.SpanId == run.ParentSpanId);
        Assert.Equal("nanoclaw.firing", firing.Name);
        Assert.Equal(run.TraceId, firing.TraceId);
        Assert.Equal("main", firing.Attributes["nanoclaw.group"]);
        // The firing hangs under Quartz's own execution span.
        var execution = Assert.Single(spans, s => s.SpanId == firing.ParentSpanId);
        Assert.Equal(("Quartz", run.TraceId), (execution.Scope, execution.TraceId));
        var records = spans.Where(s => s.ParentSpanId == run.SpanId).ToList();
        Assert.Equal(["nanoclaw.record", "nanoclaw.record"], records.Select(r => r.Name));
        Assert.All(records, r => Assert.Equal(run.TraceId, r.TraceId));
        Assert.Contains(
            records,
            r => r.Attributes["nanoclaw.record"] == $"the start of run {fine}"
        );
        Assert.Contains(records, r => r.Attributes["nanoclaw.record"] == $"the end of run {fine}");
        Assert.Equal("fine", run.Attributes["nanoclaw.task_id"]);
        Assert.Equal("succeeded", run.Attributes["nanoclaw.status"]);
        Assert.Equal(1, run.StatusCode); // Ok
        var failed = RunSpan(spans, broken)!;
        Assert.Equal("failed", failed.Attributes["nanoclaw.status"]);
        Assert.Equal(2, failed.StatusCode); // Error
        Assert.NotEqual(run.TraceId, failed.TraceId);
        await Eventually.TrueAsync(
            () =>
                collector
                    .Bodies("/v1/metrics")
                    .Any(b => Contains(b, "nanoclaw.runs.finished") && Contains(b, "quartz.")),
            Timeout,
            "no metrics export carried nanoclaw.runs.finished and Quartz's instruments"
        );
    }

    private static OtlpSpan? RunSpan(IReadOnlyList<OtlpSpan> spans, string runId) =>
        spans.FirstOrDefault(s =>
            s.Name == "nanoclaw.run" && s.Attributes.GetValueOrDefault("nanoclaw.run_id") == runId
        );

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
