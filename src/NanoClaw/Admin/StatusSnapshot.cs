using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary>The daemon's status together with the task list, groups and activity it was read from.</summary>
internal sealed record StatusSnapshot(
    StatusView View,
    GroupActivity Activity,
    IReadOnlyList<StoredTaskInfo> Tasks,
    IReadOnlyList<GroupInfo> Groups
);
