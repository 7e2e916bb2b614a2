namespace NanoClaw.Mcp;

/// <summary>The daemon answered <c>"ok": false</c>; <see cref="Exception.Message"/> is its reason, unchanged.</summary>
internal sealed class IpcRefusedException(string reason) : Exception(reason);
