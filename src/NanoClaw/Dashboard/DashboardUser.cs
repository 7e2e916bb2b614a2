using System.Security.Claims;
using NanoClaw.Configuration;

namespace NanoClaw.Dashboard;

/// <summary>What a page needs to know of who is looking: their role, and whether they may act.</summary>
internal static class DashboardUser
{
    public static string RoleOf(ClaimsPrincipal? user) =>
        user?.IsInRole(DashboardRoles.Operator) == true ? DashboardRoles.Operator
        : user?.IsInRole(DashboardRoles.Viewer) == true ? DashboardRoles.Viewer
        : "";

    /// <summary>Pages render action buttons only for this; the posts check the operator policy themselves.</summary>
    public static bool CanAct(ClaimsPrincipal? user) =>
        user?.IsInRole(DashboardRoles.Operator) == true;
}
