using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoClaw.Runs;

/// <summary>The contract's JSON for run records: camelCase fields, snake_case statuses, ISO-8601 times with offset.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
        };
        options.Converters.Add(
            new JsonStringEnumConverter<RunStatus>(JsonNamingPolicy.SnakeCaseLower)
        );
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
