using System.Collections;
using System.Reflection;

namespace NanoClaw.Configuration;

/// <summary>
/// One key of the settings and what it may hold, read from the options classes by reflection: a
/// property added to an options class is a known setting at once, with its value checked by type.
/// </summary>
internal sealed record SettingShape(
    string Name,
    SettingKind Kind,
    Type ValueType,
    IReadOnlyDictionary<string, SettingShape> Children
)
{
    private static readonly Dictionary<string, SettingShape> NoChildren = new(
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>The shape of the <c>NanoClaw</c> section.</summary>
    public static SettingShape Root { get; } =
        Of(NanoClawOptions.SectionName, typeof(NanoClawOptions));

    public static SettingShape Of(string name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(bare))
            return new SettingShape(name, SettingKind.Value, bare, NoChildren);
        if (DictionaryValueType(bare) is { } mapValue)
            return new SettingShape(name, SettingKind.Map, mapValue, NoChildren);
        if (ElementType(bare) is { } element)
            return new SettingShape(name, SettingKind.List, element, NoChildren);
        // Only settable properties are settings: computed ones (Effective*, Is*) are not.
        var children = bare.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToDictionary(
                p => p.Name,
                p => Of(p.Name, p.PropertyType),
                StringComparer.OrdinalIgnoreCase
            );
        return new SettingShape(name, SettingKind.Section, bare, children);
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive
        || type.IsEnum
        || type == typeof(string)
        || type == typeof(decimal)
        || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset)
        || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType
        && type.GetGenericArguments() is [var key, var value]
        && key == typeof(string)
        && typeof(IEnumerable).IsAssignableFrom(type)
            ? value
            : null;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        if (!type.IsGenericType || !typeof(IEnumerable).IsAssignableFrom(type))
            return null;
        return type.GetGenericArguments() is [var element] ? element : null;
    }
}
