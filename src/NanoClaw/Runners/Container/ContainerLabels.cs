using System.Security.Cryptography;
using System.Text;

namespace NanoClaw.Runners.Container;

/// <summary>
/// Labels every container of this NanoClaw instance (its data directory) carries, so the janitor of
/// one instance never touches the containers of another on the same machine.
/// </summary>
internal static class ContainerLabels
{
    public const string Instance = "io.nanoclaw.instance";
    public const string RunId = "io.nanoclaw.run";

    /// <summary>A short stable id of the data directory: the store that owns the runs.</summary>
    public static string InstanceId(string dataDir) =>
        Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir)))
        )[..16];
}
