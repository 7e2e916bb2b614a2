using System.Text.Json;
using System.Text.RegularExpressions;
using NanoClaw.Configuration;
using NanoClaw.Text;

namespace NanoClaw.Jobs.Loading;

/// <summary>
/// Reads the fields of one JSON object, reporting wrong types and unknown names (with a suggestion,
/// so a typo such as <c>crom</c> never silently drops a setting).
/// </summary>
internal sealed partial class ObjectFields
{
    private readonly Dictionary<string, PositionedProperty> _fields = new(StringComparer.Ordinal);
    private readonly ProblemList _problems;
    private readonly string? _subject;

    public ObjectFields(
        PositionedJson obj,
        string? subject,
        ProblemList problems,
        params string[] known
    )
    {
        _problems = problems;
        _subject = subject;
        foreach (var property in obj.Properties)
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                problems.Add(
                    property.Line,
                    property.Column,
                    subject,
                    $"unknown property '{property.Name}'{Suggest(property.Name, known)}"
                );
            else if (!_fields.TryAdd(property.Name, property))
                problems.Add(
                    property.Line,
                    property.Column,
                    subject,
                    $"'{property.Name}' is given twice"
                );
        }
    }

    public PositionedJson? Get(string name) =>
        _fields.TryGetValue(name, out var property) ? property.Value : null;

    public bool Has(string name) =>
        _fields.ContainsKey(name) && _fields[name].Value.Kind != JsonKind.Null;

    public PositionedJson? Of(JsonKind kind, string name, string expected)
    {
        var value = Get(name);
        if (value is null || value.Kind == JsonKind.Null)
            return null;
        if (value.Kind == kind)
            return value;
        Report(value, $"'{name}' must be {expected}, not {value.Describe()}");
        return null;
    }

    public string? String(string name) => Of(JsonKind.String, name, "a string")?.Text;

    public bool? Bool(string name) => Of(JsonKind.Bool, name, "true or false")?.Bool;

    public double? Number(string name) => Of(JsonKind.Number, name, "a number")?.Number;

    /// <summary>A <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>) duration within the bounds, read as settings and CLI options are.</summary>
    public TimeSpan? Duration(string name, TimeSpan minimum, TimeSpan? maximum = null)
    {
        var value = Of(JsonKind.String, name, "a duration string (hh:mm:ss)");
        if (value is null)
            return null;
        if (!DurationText.TryParseSigned(value.Text, out var span))
        {
            Report(
                value,
                $"'{name}' must be a duration hh:mm:ss (d.hh:mm:ss for a day or more), not '{value.Text}'"
            );
            return null;
        }
        if (span < minimum)
        {
            Report(value, $"'{name}' must be at least {minimum:c}, not '{value.Text}'");
            return null;
        }
        if (span > maximum)
        {
            Report(value, $"'{name}' must be at most {maximum.Value:c}, not '{value.Text}'");
            return null;
        }
        return span;
    }

    /// <summary>An enum value by its camelCase name (<c>runOnce</c>, <c>container</c>).</summary>
    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        var value = Of(JsonKind.String, name, "a string");
        if (value is null)
            return null;
        var names = System
            .Enum.GetNames<TEnum>()
            .ToDictionary(
                n => JsonNamingPolicy.CamelCase.ConvertName(n),
                StringComparer.OrdinalIgnoreCase
            );
        if (names.TryGetValue(value.Text!, out var member))
            return System.Enum.Parse<TEnum>(member);
        Report(
            value,
            $"'{name}' must be one of {string.Join(", ", names.Keys.Select(n => $"'{n}'"))}, not '{value.Text}'"
        );
        return null;
    }

    /// <summary>An object of string values with valid variable names; <c>NANOCLAW_*</c> is reserved for the platform.</summary>
    public IReadOnlyDictionary<string, string>? Env(string name)
    {
        var value = Of(JsonKind.Object, name, "an object of strings");
        if (value is null)
            return null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in value.Properties)
        {
            if (!VariableName().IsMatch(variable.Name))
                _problems.Add(
                    variable.Line,
                    variable.Column,
                    _subject,
                    $"'{variable.Name}' in '{name}' is not a valid variable name"
                );
            else if (variable.Name.StartsWith("NANOCLAW_", StringComparison.Ordinal))
                _problems.Add(
                    variable.Line,
                    variable.Column,
                    _subject,
                    $"'{variable.Name}' in '{name}': NANOCLAW_* variables are set by NanoClaw itself"
                );
            else if (variable.Value.Kind != JsonKind.String)
                _problems.Add(
                    variable.Value.Line,
                    variable.Value.Column,
                    _subject,
                    $"'{variable.Name}' in '{name}' must be a string, not {variable.Value.Describe()}"
                );
            else if (
                InputLimits.Utf8Length(variable.Name)
                    + 1
                    + InputLimits.Utf8Length(variable.Value.Text!)
                > InputLimits.MaxArgumentBytes
            )
                _problems.Add(
                    variable.Value.Line,
                    variable.Value.Column,
                    _subject,
                    $"'{variable.Name}' in '{name}' is longer than Linux lets a variable be ({InputLimits.MaxArgumentBytes} bytes with its name); pass large input in a file"
                );
            else
                env[variable.Name] = variable.Value.Text!;
        }
        return env;
    }

    public void Report(PositionedJson at, string message) => _problems.Add(at, _subject, message);

    private static string Suggest(string name, string[] known) =>
        NameSuggestions.Closest(name, known, maxEdits: 2) is { } best
            ? $" (did you mean '{best}'?)"
            : "";

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex VariableName();
}
