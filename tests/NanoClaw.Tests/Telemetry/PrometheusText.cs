using System.Globalization;
using System.Text;

namespace NanoClaw.Tests.Telemetry;

/// <summary>One sample of a scrape: metric name, labels, value.</summary>
public sealed record PrometheusSample(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    double Value
)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): every line is a comment, a
/// <c># HELP</c>/<c># TYPE</c> line or a sample, or the scrape is rejected with the line's number.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
                continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.True(
                    parts.Length == 4
                        && parts[3]
                            is "counter"
                                or "gauge"
                                or "histogram"
                                or "summary"
                                or "untyped",
                    $"line {i + 1}: bad TYPE line '{line}'"
                );
                Assert.True(
                    types.TryAdd(parts[2], parts[3]),
                    $"line {i + 1}: second TYPE for {parts[2]}"
                );
                continue;
            }
            if (line.StartsWith('#'))
                continue;
            samples.Add(ParseSample(line, i + 1));
        }
        foreach (var sample in samples)
            Assert.True(
                types.Keys.Any(family =>
                    sample.Name == family
                    || sample.Name.StartsWith(family + "_", StringComparison.Ordinal)
                ),
                $"sample {sample.Name} has no TYPE line"
            );
        return samples;
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var at = 0;
        while (at < line.Length && IsNameChar(line[at], at == 0))
            at++;
        Assert.True(at > 0, $"line {number}: no metric name in '{line}'");
        var name = line[..at];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var start = at;
                while (IsNameChar(line[at], at == start))
                    at++;
                var label = line[start..at];
                Assert.True(
                    label.Length > 0 && line[at] == '=' && line[at + 1] == '"',
                    $"line {number}: bad label at {start}: '{line}'"
                );
                at += 2;
                var value = new StringBuilder();
                while (line[at] != '"')
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(
                            line[at] switch
                            {
                                'n' => '\n',
                                '\\' => '\\',
                                '"' => '"',
                                _ => throw new FormatException($"line {number}: bad escape"),
                            }
                        );
                    }
                    else
                        value.Append(line[at]);
                    at++;
                }
                at++;
                Assert.True(
                    labels.TryAdd(label, value.ToString()),
                    $"line {number}: label {label} twice"
                );
                if (line[at] == ',')
                    at++;
            }
            at++;
        }
        Assert.True(at < line.Length && line[at] == ' ', $"line {number}: no value in '{line}'");
        var fields = line[(at + 1)..].Split(' ');
        Assert.True(fields.Length is 1 or 2, $"line {number}: extra fields in '{line}'");
        var parsed = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, parsed);
    }

    private static bool IsNameChar(char c, bool first) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':'
        || (!first && c is >= '0' and <= '9');
}
