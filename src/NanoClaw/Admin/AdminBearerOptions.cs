using Microsoft.AspNetCore.Authentication;

namespace NanoClaw.Admin;

/// <summary>The admin scheme's one setting: the SHA-256 digest of the token requests must present.</summary>
internal sealed class AdminBearerOptions : AuthenticationSchemeOptions
{
    public byte[] TokenDigest { get; set; } = [];
}
