namespace NanoClaw.Scheduling;

/// <summary>A change a task cannot take whatever its values (its id or group); <see cref="Field"/> names it.</summary>
internal sealed class TaskPatchException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
