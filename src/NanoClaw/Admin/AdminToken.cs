using System.Security.Cryptography;
using NanoClaw.Configuration;

namespace NanoClaw.Admin;

/// <summary>
/// The admin API's bearer token: <c>Admin:Token</c> when configured, otherwise a random token the
/// daemon writes to <c>&lt;DataDirectory&gt;/admin.token</c> on first start, readable by its owner only.
/// The CLI reads it from the same place, so whoever may read the data directory may administer.
/// </summary>
internal static class AdminToken
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The daemon's token, creating the token file if needed.</summary>
    public static string EnsureForDaemon(NanoClawOptions options, NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        if (!string.IsNullOrEmpty(options.Admin.Token))
            return options.Admin.Token;
        if (ReadFile(paths.AdminTokenFile) is { } existing)
        {
            // A token file someone loosened is tightened again: it is a password.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(paths.AdminTokenFile, OwnerOnly);
            return existing;
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Files.PrivateDataDirectory.EnsureFolder(paths.DataDir);
        // Created with the final mode, so the token is never readable by others, not even briefly.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = OwnerOnly;
        using (var stream = new FileStream(paths.AdminTokenFile, create))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(token);
        return token;
    }

    /// <summary>The token a client sends, or null when there is none to be found.</summary>
    public static string? FindForClient(NanoClawOptions options, NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        return string.IsNullOrEmpty(options.Admin.Token)
            ? ReadFile(paths.AdminTokenFile)
            : options.Admin.Token;
    }

    private static string? ReadFile(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
