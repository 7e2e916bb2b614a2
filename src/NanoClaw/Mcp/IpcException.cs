namespace NanoClaw.Mcp;

/// <summary>
/// An IPC request that did not get a usable answer: the folder is missing or unusable, the daemon
/// did not answer in time, or its answer could not be read. The message says what to do next.
/// </summary>
internal sealed class IpcException(string message) : Exception(message);
