using System.Diagnostics;
using NanoClaw.Execution;
using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Telemetry;

/// <summary>
/// The <c>NanoClaw</c> activity source: a firing (<c>nanoclaw.firing</c>, under Quartz's own span
/// when that is collected), the run it carries out (<c>nanoclaw.run</c>), and each write of the run's
/// record (<c>nanoclaw.record</c>). Without a listener every call returns null and costs nothing.
/// </summary>
internal static class NanoClawTracing
{
    public const string SourceName = "NanoClaw";

    private static readonly ActivitySource Source = new(SourceName, TelemetryNames.Version);

    public static Activity? StartFiring(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = Source.StartActivity("nanoclaw.firing", ActivityKind.Internal);
        if (activity is null)
            return null;
        activity.SetTag("nanoclaw.group", context.JobDetail.Key.Name);
        activity.SetTag("nanoclaw.trigger", context.Trigger.Key.ToString());
        activity.SetTag("nanoclaw.recovering", context.Recovering);
        if (context.ScheduledFireTimeUtc is { } scheduled)
            activity.SetTag("nanoclaw.scheduled_at", scheduled.ToString("o"));
        return activity;
    }

    public static Activity? StartRun(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var activity = Source.StartActivity("nanoclaw.run", ActivityKind.Internal);
        if (activity is null)
            return null;
        activity.SetTag("nanoclaw.run_id", plan.RunId);
        activity.SetTag("nanoclaw.group", plan.Group.Name);
        activity.SetTag("nanoclaw.task_id", plan.Task?.Id);
        activity.SetTag("nanoclaw.run.trigger", TagValues.Of(plan.Trigger));
        activity.SetTag("nanoclaw.firing_id", plan.FiringId);
        return activity;
    }

    /// <summary>Puts how the run ended on its span; a run that did not succeed is an error span.</summary>
    public static void Finish(Activity? activity, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (activity is null)
            return;
        var status = RunStatusNames.ToName(run.Status);
        activity.SetTag("nanoclaw.mode", TagValues.Of(run.Mode));
        activity.SetTag("nanoclaw.status", status);
        activity.SetTag("nanoclaw.exit_code", run.ExitCode);
        if (run.Status == RunStatus.Succeeded)
            activity.SetStatus(ActivityStatusCode.Ok);
        else
            activity.SetStatus(ActivityStatusCode.Error, run.Error ?? status);
    }

    /// <param name="what">What is written: "the start of run X".</param>
    public static Activity? StartRecord(string what)
    {
        var activity = Source.StartActivity("nanoclaw.record", ActivityKind.Internal);
        activity?.SetTag("nanoclaw.record", what);
        return activity;
    }
}
