namespace NanoClaw.Admin;

/// <summary>The SHA-256 digest of the admin token, for everything that checks a presented token.</summary>
internal sealed record AdminTokenDigest(byte[] Value);
