namespace NanoClaw.Jobs.Loading;

/// <summary>
/// A JSON value with the line and column where it starts. System.Text.Json's DOM keeps no
/// positions, and every jobs-file problem must say where it is.
/// </summary>
internal sealed record PositionedJson(JsonKind Kind, int Line, int Column)
{
    public string? Text { get; init; }
    public double Number { get; init; }
    public bool Bool { get; init; }
    public IReadOnlyList<PositionedProperty> Properties { get; init; } = [];
    public IReadOnlyList<PositionedJson> Items { get; init; } = [];

    public string Describe() =>
        Kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "a number",
            JsonKind.Bool => "a boolean",
            _ => "null",
        };
}

internal sealed record PositionedProperty(string Name, int Line, int Column, PositionedJson Value);

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}
