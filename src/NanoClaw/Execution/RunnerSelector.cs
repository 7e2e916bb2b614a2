using NanoClaw.Jobs;
using NanoClaw.Runners;

namespace NanoClaw.Execution;

/// <summary>Picks the runner an execution mode selects.</summary>
internal sealed class RunnerSelector(IEnumerable<IRunner> runners)
{
    private readonly Dictionary<ExecutionMode, IRunner> _byMode = runners.ToDictionary(r => r.Mode);

    public IRunner? For(ExecutionMode mode) => _byMode.GetValueOrDefault(mode);
}
