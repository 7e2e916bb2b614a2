using System.Globalization;
using System.Text.RegularExpressions;

namespace NanoClaw.Jobs;

/// <summary>
/// The numeric <c>uid:gid</c> a run's container process has. Never root: a root process, even without
/// capabilities, may make a file it owns setuid, and a rootful runtime's root is the host's root.
/// </summary>
public readonly partial record struct ContainerUser(uint Uid, uint Gid)
{
    /// <summary>
    /// What a root daemon's containers run as: the conventional "nobody" ids, which own nothing on a
    /// typical system, so the process can write only the folders the daemon hands it.
    /// </summary>
    public static ContainerUser Unprivileged { get; } = new(65534, 65534);

    /// <returns>Null with <paramref name="error"/> set when <paramref name="text"/> is not a non-root <c>uid:gid</c>.</returns>
    public static ContainerUser? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Numeric().Match(text);
        if (
            !match.Success
            || !uint.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var uid)
            || !uint.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var gid)
        )
        {
            error = $"must be a numeric uid:gid such as 65534:65534, not '{text}'";
            return null;
        }
        if (uid == 0 || gid == 0)
        {
            error =
                $"must not be root ('{text}'): a container run as uid or gid 0 can leave set-id files owned by root in its folders";
            return null;
        }
        error = null;
        return new ContainerUser(uid, gid);
    }

    /// <summary>The runtime's <c>--user</c> value.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}");

    [GeneratedRegex(@"\A([0-9]{1,10}):([0-9]{1,10})\z")]
    private static partial Regex Numeric();
}
