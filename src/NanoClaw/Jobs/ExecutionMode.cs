namespace NanoClaw.Jobs;

/// <summary>Which runner executes a run: a native subprocess or a container.</summary>
public enum ExecutionMode
{
    Host,
    Container,
}
