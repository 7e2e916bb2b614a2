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

    /// <summary>The format <c>PasswordHasher</c> writes: base64 of a version byte 0x01 and PBKDF2 parameters.</summary>
    private static bool IsHash(string? hash)
    {
        if (string.IsNullOrEmpty(hash))
            return false;
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length)
            && length >= 61
            && bytes[0] == 0x01;
    }
}
