namespace NanoClaw.Configuration;

/// <summary>The dashboard's two roles; the admin token always logs in as <see cref="Operator"/>.</summary>
public static class DashboardRoles
{
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static bool IsKnown(string? role) => role is Operator or Viewer;
}
