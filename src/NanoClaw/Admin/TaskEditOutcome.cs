namespace NanoClaw.Admin;

/// <summary>How a task creation or change ended; anything but <see cref="Done"/> changed nothing.</summary>
internal enum TaskEditOutcome
{
    Done,

    /// <summary>The task broke a rule; <see cref="TaskEditResult.Problems"/> lists every one.</summary>
    Invalid,

    NotFound,

    /// <summary>A new task's id is taken.</summary>
    Exists,

    /// <summary>The task is defined in the jobs file, which owns it.</summary>
    FromJobsFile,
}
