namespace NanoClaw.Cli.Admin;

/// <summary>Nothing answered at the admin URL: the daemon is not running there (exit code 3).</summary>
internal sealed class AdminUnreachableException(string url, string reason, Exception inner)
    : Exception(
        $"The NanoClaw daemon could not be reached at {url} ({reason}). Is 'nanoclaw serve' running with the same configuration?",
        inner
    );
