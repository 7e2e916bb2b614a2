using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Files;

namespace NanoClaw.Runs;

/// <summary>
/// Final run records the store refused, kept until it takes them: in memory, and as a 0600 file per
/// run under <c>&lt;data&gt;/held-runs</c> where the disk allows, so that a restart writes a run's
/// real outcome instead of marking it interrupted and running it again.
/// </summary>
internal sealed class HeldRecords(string folder)
{
    private const string FiringIdField = "nanoclawFiringId";
    private readonly ConcurrentDictionary<string, RunRecord> _records = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    public bool IsEmpty => _records.IsEmpty;

    public IReadOnlyList<RunRecord> Snapshot() => [.. _records.Values];

    /// <summary>Keeps <paramref name="record"/>; returns why it could not be spooled to disk, or null.</summary>
    public string? Hold(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.Id] = record;
        try
        {
            PrivateDataDirectory.EnsureFolder(Folder);
            var path = PathOf(record.Id);
            var temporary = path + ".tmp";
            File.Delete(temporary);
            // The firing identity is not part of the contract's JSON; a restart needs it to match the recovery.
            var json = JsonSerializer.SerializeToNode(record, RunJson.Options)!.AsObject();
            json[FiringIdField] = record.FiringId;
            using (var file = new FileStream(temporary, PrivateDataDirectory.PrivateCreation()))
            using (var writer = new Utf8JsonWriter(file))
                json.WriteTo(writer);
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>Forgets a record the store has now taken.</summary>
    public void Release(string runId)
    {
        _records.TryRemove(runId, out _);
        try
        {
            File.Delete(PathOf(runId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Written again at the next start, which overwrites the row with the same final state.
        }
    }

    /// <summary>Loads the records a previous daemon spooled and could not write.</summary>
    public IReadOnlyList<RunRecord> LoadSpooled()
    {
        if (!Directory.Exists(Folder))
            return [];
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json"))
        {
            try
            {
                var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
                var record = json?.Deserialize<RunRecord>(RunJson.Options);
                if (record is not null && PathOf(record.Id) == path)
                    _records[record.Id] = record with
                    {
                        FiringId = json![FiringIdField]?.GetValue<string>(),
                    };
            }
            catch (Exception ex)
                when (ex is IOException or JsonException or InvalidOperationException)
            {
                // A half-written file is the tmp one; anything else unreadable is left for a person.
            }
        }
        return Snapshot();
    }

    private string PathOf(string runId) => Path.Combine(Folder, Path.GetFileName(runId) + ".json");
}
