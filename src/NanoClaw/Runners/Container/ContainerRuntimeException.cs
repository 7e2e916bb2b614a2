namespace NanoClaw.Runners.Container;

/// <summary>The container runtime could not do what was asked (not: a run failed).</summary>
public sealed class ContainerRuntimeException : Exception
{
    public ContainerRuntimeException() { }

    public ContainerRuntimeException(string message)
        : base(message) { }

    public ContainerRuntimeException(string message, Exception innerException)
        : base(message, innerException) { }
}
