using System.Text.Json;

namespace NanoClaw.Benchmarks.Peers;

/// <summary>
/// The workload a peer scheduler runs, as the harness hands it over in a JSON file: every task of
/// every group runs <see cref="Command"/> every <see cref="IntervalSeconds"/>, one run per group at a
/// time, at most <see cref="Concurrency"/> at once. Peers record each run in <see cref="RunsDatabase"/>
/// and keep their own store in <see cref="StoreDatabase"/>.
/// </summary>
internal sealed record PeerWorkload(
    int Groups,
    int TasksPerGroup,
    IReadOnlyList<string> Command,
    int IntervalSeconds,
    int Concurrency,
    int DurationSeconds,
    string RunsDatabase,
    string StoreDatabase
)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string GroupName(int group) => $"g{group:D3}";

    public static string TaskName(int group, int task) => $"g{group:D3}-t{task:D3}";

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static PeerWorkload Load(string path) =>
        JsonSerializer.Deserialize<PeerWorkload>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: the workload file is empty");
}
