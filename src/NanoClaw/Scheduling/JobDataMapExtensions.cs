using Quartz;

namespace NanoClaw.Scheduling;

internal static class JobDataMapExtensions
{
    /// <summary>The string stored under <paramref name="key"/>, or null when there is none.</summary>
    public static string? StringOrNull(this JobDataMap map, string key)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.ContainsKey(key) ? map[key] as string : null;
    }
}
