using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NanoClaw.Admin;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> as an ASP.NET Core authentication scheme, so the decision
/// is taken by the authorization middleware on the endpoint routing matched, whatever the spelling
/// of the path (README, "The admin API").
/// </summary>
internal sealed class AdminBearerHandler(
    IOptionsMonitor<AdminBearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder
) : AuthenticationHandler<AdminBearerOptions>(options, logger, encoder)
{
    public const string SchemeName = "NanoClawBearer";
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (headers.Count > 1 || !Matches(headers[0] ?? ""))
            return Task.FromResult(AuthenticateResult.Fail("the bearer token does not match"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(
            AuthenticateResult.Success(
                new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)
            )
        );
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Unauthorized().ExecuteAsync(Context);
    }

    private bool Matches(string header)
    {
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()));
        // Digests of equal length, compared in constant time: neither how much of a guess was right
        // nor the token's length shows in the time an answer takes.
        return CryptographicOperations.FixedTimeEquals(presented, Options.TokenDigest);
    }
}
