namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Admin</c>: the admin API.</summary>
public sealed class AdminOptions
{
    /// <summary>Where the admin API listens; loopback unless deliberately changed.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7878";

    /// <summary>A fixed bearer token; when null the token lives in <c>&lt;DataDirectory&gt;/admin.token</c>.</summary>
    public string? Token { get; init; }

    public bool Enabled { get; init; } = true;
}
