namespace NanoClaw.Runners.Processes;

/// <summary>Finds a tool the daemon itself runs on its own PATH, by absolute path.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
