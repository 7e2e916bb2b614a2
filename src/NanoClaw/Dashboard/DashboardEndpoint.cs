namespace NanoClaw.Dashboard;

/// <summary>
/// Marks an endpoint as part of the dashboard: it gets the dashboard's response headers, and its
/// form posts are checked by anti-forgery token rather than refused for not being JSON.
/// </summary>
internal sealed class DashboardEndpoint
{
    public static readonly DashboardEndpoint Instance = new();

    private DashboardEndpoint() { }
}
