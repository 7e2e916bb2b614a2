namespace NanoClaw.Jobs;

public enum ContextMode
{
    /// <summary>Every run starts a fresh agent session.</summary>
    Isolated,

    /// <summary>The run continues the group's stored agent session.</summary>
    Group,
}
