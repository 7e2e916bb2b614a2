using System.Runtime.InteropServices;

namespace NanoClaw.Runners.Container.Files;

internal static class NativeError
{
    public static IOException For(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        var message = errno switch
        {
            Libc.ELOOP =>
                "a part of it is a symbolic link (it changed after it was checked, or the check was bypassed)",
            Libc.ENOTDIR => "a part of it is not a folder",
            Libc.ENOENT => "it does not exist",
            _ => Marshal.GetPInvokeErrorMessage(errno),
        };
        return new IOException($"{call} '{path}': {message}", errno);
    }
}
