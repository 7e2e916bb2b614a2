using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>A run's output when its log file is gone or not the daemon's own: what the record kept.</summary>
internal static class RunLogFallback
{
    public static string Text(RunRecord run, string? refusal)
    {
        ArgumentNullException.ThrowIfNull(run);
        var note = refusal is null
            ? ""
            : $"[nanoclaw] the run's log file is not served ({refusal}); what the run record kept follows\n";
        return note + run.Stdout + run.Stderr;
    }
}
