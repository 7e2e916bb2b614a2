namespace NanoClaw.Agents.Ipc;

/// <summary>
/// A parsed request, or why it is refused and, where it could be read, the id to answer under.
/// <see cref="IsSyntaxError"/>: the bytes are not JSON at all (perhaps a file still being written).
/// </summary>
internal sealed record IpcParseResult(
    IpcRequest? Request,
    string? Id,
    string? Error,
    bool IsSyntaxError = false
);
