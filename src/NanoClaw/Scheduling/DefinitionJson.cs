using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NanoClaw.Jobs;

namespace NanoClaw.Scheduling;

/// <summary>Serialises definitions for JobDataMaps and hashes them for the sync's change detection.</summary>
internal static class DefinitionJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JobsJson.Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, JobsJson.Options)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is null.");

    /// <summary>Stable for equal definitions: serialisation follows declaration order and the file's env order.</summary>
    public static string Hash(string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
}
