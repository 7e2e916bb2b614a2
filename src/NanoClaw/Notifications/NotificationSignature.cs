using System.Security.Cryptography;
using System.Text;

namespace NanoClaw.Notifications;

/// <summary><c>X-NanoClaw-Signature: sha256=&lt;hex HMAC-SHA256 of the exact body&gt;</c> (contract §6).</summary>
internal static class NotificationSignature
{
    public const string Header = "X-NanoClaw-Signature";

    public static string Sign(string secret, string body) =>
        "sha256="
        + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))
        );
}
