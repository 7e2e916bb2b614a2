namespace NanoClaw.Agents.Ipc;

/// <summary>What reading one request file found: its content, a refusal (and whether it is a folder), or nothing.</summary>
internal sealed record RequestRead(ReadOnlyMemory<byte>? Content, string? Refusal, bool IsFolder)
{
    public static readonly RequestRead Gone = new(null, null, false);

    public bool IsGone => Content is null && Refusal is null;

    public static RequestRead Of(ReadOnlyMemory<byte> content) => new(content, null, false);

    public static RequestRead Refused(string reason, bool isFolder) => new(null, reason, isFolder);
}
