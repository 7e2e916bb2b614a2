namespace NanoClaw.Admin;

/// <summary>The live daemon's URL from <see cref="AdminUrlFile"/>, or null with the reason a file there was not used.</summary>
internal sealed record AdminUrlLookup(string? Url, string? IgnoredBecause);
