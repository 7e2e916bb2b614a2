namespace NanoClaw.Files;

/// <summary>A path the daemon refuses to use because a link or a foreign file sits where it expects its own.</summary>
internal sealed class UnsafePathException(string message) : IOException(message);
