using System.Text;

namespace NanoClaw.Tests.Telemetry;

/// <summary>One span of an OTLP export: enough of it to check names, nesting and attributes.</summary>
public sealed record OtlpSpan(
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes,
    int StatusCode
);

/// <summary>
/// Reads the spans out of an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> by its field
/// numbers (opentelemetry-proto, trace/v1): a few lines of wire format instead of a protobuf
/// dependency for the tests.
/// </summary>
public static class OtlpSpans
{
    public static IReadOnlyList<OtlpSpan> Read(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans, _) in Fields(request))
            if (field == 1)
                foreach (var (f, scopeSpans, _) in Fields(resourceSpans))
                    if (f == 2)
                        ReadScope(scopeSpans, spans);
        return spans;
    }

    private static void ReadScope(byte[] scopeSpans, List<OtlpSpan> spans)
    {
        var scope = "";
        foreach (var (field, value, _) in Fields(scopeSpans))
        {
            if (field == 1)
                scope = Text(Fields(value).FirstOrDefault(f => f.Field == 1).Value);
            else if (field == 2)
                spans.Add(ReadSpan(scope, value));
        }
    }

    private static OtlpSpan ReadSpan(string scope, byte[] span)
    {
        string traceId = "",
            spanId = "",
            parent = "",
            name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = 0;
        foreach (var (field, value, _) in Fields(span))
        {
            switch (field)
            {
                case 1:
                    traceId = Convert.ToHexString(value);
                    break;
                case 2:
                    spanId = Convert.ToHexString(value);
                    break;
                case 4:
                    parent = Convert.ToHexString(value);
                    break;
                case 5:
                    name = Text(value);
                    break;
                case 9:
                    var pair = Fields(value).ToList();
                    var key = Text(pair.FirstOrDefault(f => f.Field == 1).Value);
                    var any = pair.FirstOrDefault(f => f.Field == 2).Value ?? [];
                    attributes[key] = AnyValue(any);
                    break;
                case 15:
                    status = (int)(Fields(value).FirstOrDefault(f => f.Field == 3).Number ?? 0);
                    break;
            }
        }
        return new OtlpSpan(scope, name, traceId, spanId, parent, attributes, status);
    }

    /// <summary>A string value as is, a bool or integer as its text.</summary>
    private static string AnyValue(byte[] any)
    {
        foreach (var (field, value, number) in FieldsWithNumbers(any))
            return field switch
            {
                1 => Text(value),
                2 => number == 1 ? "true" : "false",
                3 => number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                _ => "",
            };
        return "";
    }

    private static string Text(byte[]? bytes) =>
        bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    private static IEnumerable<(int Field, byte[] Value, long? Number)> Fields(byte[] message) =>
        FieldsWithNumbers(message);

    /// <summary>Each field: length-delimited ones with their bytes, varints with their number.</summary>
    private static IEnumerable<(int Field, byte[] Value, long? Number)> FieldsWithNumbers(
        byte[] message
    )
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return (field, [], (long)Varint(message, ref at));
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (field, message[at..(at + length)], null);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new FormatException($"unknown wire type {tag & 7} at {at}");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
