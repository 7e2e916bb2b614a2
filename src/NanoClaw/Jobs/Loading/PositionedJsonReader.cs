using System.Text;
using System.Text.Json;

namespace NanoClaw.Jobs.Loading;

/// <summary>Parses JSON into <see cref="PositionedJson"/>, computing line:column from byte offsets.</summary>
internal sealed class PositionedJsonReader
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    private PositionedJsonReader(string json)
    {
        _utf8 = Encoding.UTF8.GetBytes(json);
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (_utf8[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
        }
    }

    /// <exception cref="JsonException">The text is not JSON; <see cref="JsonException.LineNumber"/> says where.</exception>
    public static PositionedJson Parse(string json)
    {
        var parser = new PositionedJsonReader(json);
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
                    var name = reader.GetString()!;
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
                    Text = reader.GetString(),
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

    private (int Line, int Column) PositionOf(long byteOffset)
    {
        var index = _lineStarts.BinarySearch((int)byteOffset);
        var lineIndex = index >= 0 ? index : ~index - 1;
        var lineStart = _lineStarts[lineIndex];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, (int)byteOffset - lineStart) + 1;
        return (lineIndex + 1, column);
    }
}
