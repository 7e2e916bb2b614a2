namespace NanoClaw.Cli;

/// <summary>The contract's exit codes (§4).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The awaited run did not succeed, or the operation failed.</summary>
    public const int Failed = 1;

    /// <summary>Invalid arguments, configuration or jobs file.</summary>
    public const int Invalid = 2;

    /// <summary>The daemon could not be reached.</summary>
    public const int Unreachable = 3;
}
