using NanoClaw.Files;

namespace NanoClaw.Runners.Container.Files;

/// <summary>The last failed call's error, worded for a path the container runner checked before.</summary>
internal static class NativeError
{
    public static IOException For(string call, string path)
    {
        var errno = Libc.LastError;
        var message = errno switch
        {
            Libc.ErrorLoop =>
                "a part of it is a symbolic link (it changed after it was checked, or the check was bypassed)",
            Libc.ErrorNotDirectory => "a part of it is not a folder",
            Libc.ErrorNoEntry => "it does not exist",
            _ => Libc.Describe(errno),
        };
        return new IOException($"{call} '{path}': {message}", errno);
    }
}
