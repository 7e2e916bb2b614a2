namespace NanoClaw.Configuration;

/// <summary>The problems of <c>NanoClaw:Dashboard</c>, each named by its key.</summary>
internal static class DashboardOptionsCheck
{
    public static IEnumerable<string> Problems(DashboardOptions dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        if (dashboard.SessionLifetime <= TimeSpan.Zero)
            yield return "NanoClaw:Dashboard:SessionLifetime: must be positive (hh:mm:ss)";
        var users = dashboard.Users ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var key = $"NanoClaw:Dashboard:Users:{i}";
            var user = users[i];
            if (string.IsNullOrWhiteSpace(user.Name))
                yield return $"{key}:Name: must not be empty";
            else if (!seen.Add(user.Name))
                yield return $"{key}:Name: '{user.Name}' is listed twice";
            else if (user.Name == "admin")
                yield return $"{key}:Name: 'admin' is the name of the admin token's login; choose another";
            if (!IsHash(user.PasswordHash))
                yield return $"{key}:PasswordHash: must be a hash made by 'nanoclaw dashboard hash-password', never the password itself";
            if (!DashboardRoles.IsKnown(user.Role))
                yield return $"{key}:Role: must be '{DashboardRoles.Operator}' or '{DashboardRoles.Viewer}', not '{user.Role}'";
        }
    }

    /// <summary>
    /// The format <c>PasswordHasher</c> writes (what <c>hash-password</c> prints): base64 of a
    /// version byte 0x01, then big-endian PRF (0 SHA-1, 1 SHA-256, 2 SHA-512), iteration count and
    /// salt length, the salt, and a derived key of at least 128 bits. Anything else — a plain
    /// password, another tool's hash, a cut-off copy — would never let anyone in, or worse.
    /// </summary>
    private static bool IsHash(string? hash)
    {
        if (string.IsNullOrEmpty(hash) || hash.Any(char.IsWhiteSpace))
            return false;
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < 13)
            return false;
        var prf = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
            bytes.AsSpan(5)
        );
        var saltLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
            bytes.AsSpan(9)
        );
        return bytes[0] == 0x01
            && prf <= 2
            && iterations >= 10_000
            && saltLength >= 16
            && length - 13 - (long)saltLength >= 16;
    }
}
