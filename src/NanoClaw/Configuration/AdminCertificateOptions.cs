namespace NanoClaw.Configuration;

/// <summary>
/// <c>NanoClaw:Admin:Certificate</c>: the admin API's TLS certificate, as Kestrel takes it: a PKCS#12
/// file (<see cref="Path"/>, <see cref="Password"/>) or a PEM certificate with its key
/// (<see cref="Path"/>, <see cref="KeyPath"/>, and <see cref="Password"/> if the key is encrypted).
/// </summary>
public sealed class AdminCertificateOptions
{
    public string? Path { get; init; }
    public string? KeyPath { get; init; }
    public string? Password { get; init; }

    public bool IsConfigured => !string.IsNullOrEmpty(Path);
}
