using System.Text;
using System.Text.Json;

namespace NanoClaw.Jobs.Loading;

/// <summary>
/// Parses JSON into <see cref="PositionedJson"/>, computing line:column from byte offsets. Strings
/// that no field may hold (a NUL character, more than <see cref="InputLimits.MaxStringBytes"/>)
/// are reported here, once for every field: a NUL would be cut off by the C APIs a name, argument
/// or variable ends up in, hiding what follows it.
/// </summary>
internal sealed class PositionedJsonReader
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private readonly ProblemList _problems;

    private PositionedJsonReader(string json, ProblemList problems)
    {
        _problems = problems;
        _utf8 = Encoding.UTF8.GetBytes(json);
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (_utf8[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
        }
    }

    /// <exception cref="JsonException">The text is not JSON; <see cref="JsonException.LineNumber"/> says where.</exception>
    public static PositionedJson Parse(string json, ProblemList problems)
    {
        var parser = new PositionedJsonReader(json, problems);
        var reader = new Utf8JsonReader(
            parser._utf8,
            new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }
        );
        if (!reader.Read())
            throw new JsonException("the file is empty", null, 0, 0);
        var root = parser.ReadValue(ref reader);
        if (reader.Read())
            throw new JsonException(
                "unexpected content after the end of the document",
                null,
                reader.TokenStartIndex,
                0
            );
        return root;
    }

    private PositionedJson ReadValue(ref Utf8JsonReader reader)
    {
        var (line, column) = PositionOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<PositionedProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (nameLine, nameColumn) = PositionOf(reader.TokenStartIndex);
                    var name = Check(reader.GetString()!, nameLine, nameColumn);
                    reader.Read();
                    properties.Add(
                        new PositionedProperty(name, nameLine, nameColumn, ReadValue(ref reader))
                    );
                }
                return new PositionedJson(JsonKind.Object, line, column)
                {
                    Properties = properties,
                };
            case JsonTokenType.StartArray:
                var items = new List<PositionedJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader));
                return new PositionedJson(JsonKind.Array, line, column) { Items = items };
            case JsonTokenType.String:
                return new PositionedJson(JsonKind.String, line, column)
                {
                    Text = Check(reader.GetString()!, line, column),
                };
            case JsonTokenType.Number:
                return new PositionedJson(JsonKind.Number, line, column)
                {
                    Number = reader.GetDouble(),
                    Text = Encoding.UTF8.GetString(reader.ValueSpan),
                };
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new PositionedJson(JsonKind.Bool, line, column)
                {
                    Bool = reader.GetBoolean(),
                };
            default:
                return new PositionedJson(JsonKind.Null, line, column);
        }
    }

    private string Check(string text, int line, int column)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
            _problems.Add(
                line,
                column,
                null,
                "a string holds a NUL character (\\u0000), which no name, argument, variable or prompt may hold"
            );
        else if (
            text.Length > InputLimits.MaxStringBytes / 4
            && InputLimits.Utf8Length(text) > InputLimits.MaxStringBytes
        )
            _problems.Add(
                line,
                column,
                null,
                $"a string of {InputLimits.Utf8Length(text)} bytes is longer than the {InputLimits.MaxStringBytes} bytes any field may hold"
            );
        return text;
    }

    private (int Line, int Column) PositionOf(long byteOffset)
    {
        var index = _lineStarts.BinarySearch((int)byteOffset);
        var lineIndex = index >= 0 ? index : ~index - 1;
        var lineStart = _lineStarts[lineIndex];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, (int)byteOffset - lineStart) + 1;
        return (lineIndex + 1, column);
    }
}
