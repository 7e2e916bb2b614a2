using System.Security.Cryptography;
using System.Text;

namespace NanoClaw.Admin;

/// <summary>
/// Every request under <c>/api</c> must carry <c>Authorization: Bearer &lt;token&gt;</c>, whether or
/// not the route exists (so the API's shape is not revealed to strangers either).
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results
            .Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send 'Authorization: Bearer <token>'; the token is in the data directory's admin.token file unless NanoClaw:Admin:Token is set."
            )
            .ExecuteAsync(context);
    }

    private bool IsAuthorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        // Constant time: the comparison must not tell an attacker how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
