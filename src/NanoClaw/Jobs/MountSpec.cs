namespace NanoClaw.Jobs;

/// <summary>An extra folder mounted into a group's containers; checked against the mount allow-list.</summary>
public sealed record MountSpec
{
    public required string HostPath { get; init; }

    /// <summary>Where it appears; relative paths land under <c>/workspace/extra/</c>.</summary>
    public string? ContainerPath { get; init; }

    public bool ReadOnly { get; init; } = true;

    /// <summary>Where the mount is declared in the jobs file, for the allow-list's problems reported after loading.</summary>
    public int Line { get; init; }

    public int Column { get; init; }
}
