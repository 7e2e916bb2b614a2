namespace NanoClaw.Configuration;

/// <summary>One entry of <c>NanoClaw:Dashboard:Users</c>.</summary>
public sealed class DashboardUserOptions
{
    public string? Name { get; init; }

    /// <summary>Made by <c>nanoclaw dashboard hash-password</c>; never the password itself.</summary>
    public string? PasswordHash { get; init; }

    /// <summary><c>operator</c> (can act) or <c>viewer</c> (sees, cannot act).</summary>
    public string Role { get; init; } = DashboardRoles.Viewer;
}
