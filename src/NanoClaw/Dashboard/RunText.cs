using System.Globalization;
using System.Text.Json;
using NanoClaw.Runs;

namespace NanoClaw.Dashboard;

/// <summary>How the runs pages write durations and triggers.</summary>
internal static class RunText
{
    public static string Duration(long? milliseconds) =>
        milliseconds switch
        {
            null => "—",
            < 1000 => $"{milliseconds} ms",
            < 60_000 => (milliseconds.Value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture)
                + " s",
            < 3_600_000 => $"{milliseconds / 60_000} min {milliseconds % 60_000 / 1000} s",
            _ => $"{milliseconds / 3_600_000} h {milliseconds % 3_600_000 / 60_000} min",
        };

    public static string TriggerName(RunTrigger trigger) =>
        JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString());

    public static IEnumerable<string> TriggerNames =>
        Enum.GetValues<RunTrigger>().Select(TriggerName);

    /// <summary>Only the names <see cref="TriggerName"/> writes: not numbers, not other spellings.</summary>
    public static RunTrigger? ParseTrigger(string name) =>
        Enum.GetValues<RunTrigger>()
            .Cast<RunTrigger?>()
            .FirstOrDefault(t =>
                string.Equals(TriggerName(t!.Value), name, StringComparison.OrdinalIgnoreCase)
            );

    /// <summary>An agent's result as indented JSON, for reading.</summary>
    public static string Json(JsonElement value) => JsonSerializer.Serialize(value, Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
