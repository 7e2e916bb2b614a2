namespace NanoClaw.Admin;

internal enum TaskSort
{
    NextRun,
    Id,
}
