using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using NanoClaw.Admin;
using NanoClaw.Configuration;

namespace NanoClaw.Dashboard;

/// <summary>Checks what a login form presents: the admin token, or a configured user's password.</summary>
internal sealed class DashboardCredentials(AdminTokenDigest token, NanoClawOptions options)
{
    private static readonly PasswordHasher<DashboardUserOptions> Hasher = new();

    /// <summary>Checked when the name is unknown, so that an unknown name takes as long as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new(), "decoy");

    /// <summary>The admin token, compared as the bearer handler does: digests, in constant time.</summary>
    public bool IsAdminToken(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim()));
        return CryptographicOperations.FixedTimeEquals(digest, token.Value);
    }

    /// <summary>The user's role when the name and password match a configured user, else null.</summary>
    public string? RoleOf(string name, string password)
    {
        var user = (options.Dashboard.Users ?? []).FirstOrDefault(u =>
            string.Equals(u.Name, name, StringComparison.Ordinal)
        );
        var hash = user?.PasswordHash ?? DecoyHash;
        PasswordVerificationResult result;
        try
        {
            result = Hasher.VerifyHashedPassword(user ?? new(), hash, password);
        }
        catch (FormatException)
        {
            // A hash that is not one (settings checks catch this at start): no login with it.
            result = PasswordVerificationResult.Failed;
        }
        return user is not null && result != PasswordVerificationResult.Failed ? user.Role : null;
    }

    public static string Hash(string password) => Hasher.HashPassword(new(), password);
}
