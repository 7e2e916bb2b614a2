namespace NanoClaw.Admin;

/// <summary>A group as the admin API lists it.</summary>
internal sealed record GroupView(string Name, bool IsMain, string Mode, string State, int Tasks);
