namespace NanoClaw.Agents.Ipc;

/// <summary>A request the journal holds: its content hash, and its answer once it was carried out (or prepared before).</summary>
internal sealed record IpcJournalEntry(string Hash, bool IsAnswered, string? Answer);
