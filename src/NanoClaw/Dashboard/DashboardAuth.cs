namespace NanoClaw.Dashboard;

/// <summary>The dashboard's authentication scheme, cookie and policy names.</summary>
internal static class DashboardAuth
{
    public const string Scheme = "NanoClawDashboard";
    public const string CookieName = "nanoclaw-session";
    public const string AntiforgeryCookieName = "nanoclaw-antiforgery";

    /// <summary>
    /// The header htmx requests carry the anti-forgery token in. The layout puts the token in
    /// <c>&lt;meta name="nanoclaw-antiforgery"&gt;</c>; <c>dashboard.js</c> copies it into this
    /// header on every htmx request (<c>htmx:configRequest</c>), so an <c>hx-post</c> needs nothing more.
    /// </summary>
    public const string AntiforgeryHeader = "X-NanoClaw-Antiforgery";

    /// <summary>Any logged-in user: sees every page.</summary>
    public const string ViewerPolicy = "DashboardViewer";

    /// <summary>A logged-in operator: may act (every POST but login).</summary>
    public const string OperatorPolicy = "DashboardOperator";
}
