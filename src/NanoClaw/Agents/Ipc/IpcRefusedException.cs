namespace NanoClaw.Agents.Ipc;

/// <summary>A request the daemon will not carry out; its message is the answer's <c>error</c>: what and why.</summary>
internal sealed class IpcRefusedException(string message) : Exception(message);
