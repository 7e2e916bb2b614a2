namespace NanoClaw.Admin;

/// <summary>
/// Refuses a request whose <c>Host</c> is not one of <see cref="AllowedHosts"/>, before anything
/// else, <c>/healthz</c> included: one rule for the whole listener.
/// </summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, AllowedHosts hosts)
{
    /// <summary>Enough of a refused host to recognise it, not a page of it echoed back.</summary>
    private const int MaxEchoedLength = 100;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (hosts.Allows(context.Request.Host))
        {
            await next(context);
            return;
        }
        var host = context.Request.Host.Host;
        if (host.Length > MaxEchoedLength)
            host = host[..MaxEchoedLength] + "…";
        await ApiProblems.HostNotAllowed(host).ExecuteAsync(context);
    }
}
