namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Dashboard</c>: the web dashboard served beside the admin API (README, "Dashboard").</summary>
public sealed class DashboardOptions
{
    /// <summary>Serve the dashboard at <c>/</c>; it is never served while <c>Admin:Enabled</c> is false.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>People who log in with a name and password instead of the admin token.</summary>
    public IReadOnlyList<DashboardUserOptions>? Users { get; init; }

    /// <summary>How long a session lasts without a request; each request extends it (sliding).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(30);
}
