using System.Text.Json;

namespace NanoClaw.Runs;

/// <summary>The contract's names for run statuses (<c>timed_out</c>), for storage and the command line.</summary>
public static class RunStatusNames
{
    public static string ToName(RunStatus status) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static RunStatus? Parse(string name) =>
        Enum.GetValues<RunStatus>()
            .Cast<RunStatus?>()
            .FirstOrDefault(s =>
                string.Equals(ToName(s!.Value), name, StringComparison.OrdinalIgnoreCase)
            );

    public static IEnumerable<string> All => Enum.GetValues<RunStatus>().Select(ToName);
}
