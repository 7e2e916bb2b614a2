namespace NanoClaw.Tests.TestSupport;

/// <summary>The checkout the tests were built from: its README and shipped samples.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoClaw.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            "the repository root (NanoClaw.sln) was not found above " + AppContext.BaseDirectory
        );
    }
}
