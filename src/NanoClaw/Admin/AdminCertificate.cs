using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoClaw.Configuration;

namespace NanoClaw.Admin;

/// <summary>The certificate of <c>NanoClaw:Admin:Certificate</c>, loaded the way Kestrel's own settings take it.</summary>
internal static class AdminCertificate
{
    /// <summary>The daemon's certificate with its private key; a problem naming the key when it cannot be had.</summary>
    public static X509Certificate2? LoadForServer(
        AdminCertificateOptions options,
        out string? problem
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        problem = null;
        try
        {
            var certificate =
                string.IsNullOrEmpty(options.KeyPath)
                    ? X509CertificateLoader.LoadPkcs12FromFile(options.Path!, options.Password)
                : string.IsNullOrEmpty(options.Password)
                    ? X509Certificate2.CreateFromPemFile(options.Path!, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(
                    options.Path!,
                    options.Password,
                    options.KeyPath
                );
            if (certificate.HasPrivateKey)
                return certificate;
            certificate.Dispose();
            problem =
                $"NanoClaw:Admin:Certificate:Path: '{options.Path}' holds no private key; give a .pfx with its key, or the key's PEM file in NanoClaw:Admin:Certificate:KeyPath";
        }
        catch (Exception ex)
            when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problem =
                $"NanoClaw:Admin:Certificate:Path: cannot load the certificate '{options.Path}'{(string.IsNullOrEmpty(options.KeyPath) ? "" : $" with key '{options.KeyPath}'")}: {ex.Message}";
        }
        return null;
    }

    /// <summary>
    /// The certificate alone, for the CLI to recognise the daemon by (its name need not match the
    /// address the CLI connects to); null when the CLI cannot read it.
    /// </summary>
    public static byte[]? TryLoadForClient(AdminCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
            return null;
        try
        {
            using var certificate = string.IsNullOrEmpty(options.KeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.Path!, options.Password)
                : X509CertificateLoader.LoadCertificateFromFile(options.Path!);
            return certificate.RawData;
        }
        catch (Exception ex)
            when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
