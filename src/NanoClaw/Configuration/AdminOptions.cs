namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Admin</c>: the admin API.</summary>
public sealed class AdminOptions
{
    /// <summary>The shortest <see cref="Token"/> accepted: a guessable token is no lock at all.</summary>
    public const int MinimumTokenLength = 32;

    /// <summary>Where the admin API listens; loopback unless deliberately changed.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7878";

    /// <summary>A fixed bearer token; when null the token lives in <c>&lt;DataDirectory&gt;/admin.token</c>.</summary>
    public string? Token { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>How long a CLI call waits for the daemon's answer; <c>--wait</c> and <c>--follow</c> wait as long as the run.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Host names (or addresses) clients may use in the <c>Host</c> header besides loopback,
    /// <c>localhost</c> and the host of <see cref="Url"/>; anything else is refused so that a web page
    /// cannot reach the API through a name it controls (DNS rebinding).
    /// </summary>
    public string[] AllowedHosts { get; init; } = [];

    /// <summary>Accept plain HTTP beyond loopback: the token then crosses the network in clear text.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>The TLS certificate of an <c>https://</c> <see cref="Url"/>.</summary>
    public AdminCertificateOptions Certificate { get; init; } = new();
}
