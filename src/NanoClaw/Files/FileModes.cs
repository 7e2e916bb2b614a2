namespace NanoClaw.Files;

/// <summary>The modes of what the daemon keeps to itself: output, tokens and the store are nobody else's business.</summary>
internal static class FileModes
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode PrivateDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
}
