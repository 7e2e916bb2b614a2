namespace NanoClaw.Dashboard;

/// <summary>The dashboard's addresses of a task, with the id escaped (ids are names, not paths).</summary>
internal static class TaskLinks
{
    public static string Page(string id) => $"/tasks/{Uri.EscapeDataString(id)}";

    public static string Action(string id, string action) => $"{Page(id)}/{action}";
}
