using NanoClaw.Text;

namespace NanoClaw.Configuration;

/// <summary>
/// Checks the <c>NanoClaw</c> section before it is bound: a key no option reads is an error (a typo
/// would otherwise be ignored and its default used), and every value must fit its option's type.
/// All problems are returned at once, each naming the key and where it was set.
/// </summary>
internal static class SettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
        Problems(configuration, SettingShape.Root);

    public static IReadOnlyList<string> Problems(IConfiguration configuration, SettingShape root)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(root);
        var problems = new List<string>();
        problems.AddRange(MisspelledSection(configuration, root.Name));
        Walk(configuration, configuration.GetSection(root.Name), root, problems);
        return problems;
    }

    private static void Walk(
        IConfiguration configuration,
        IConfigurationSection section,
        SettingShape shape,
        List<string> problems
    )
    {
        var children = section.GetChildren().ToList();
        switch (shape.Kind)
        {
            case SettingKind.Value:
                if (children.Count > 0)
                    problems.Add(
                        At(
                            configuration,
                            children[0].Path,
                            section.Path,
                            "takes one value, not a section of settings"
                        )
                    );
                else if (!string.IsNullOrEmpty(section.Value))
                    AddIf(
                        problems,
                        configuration,
                        section.Path,
                        SettingValue.Problem(shape.ValueType, section.Value)
                    );
                return;
            case SettingKind.List:
            case SettingKind.Map:
                if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
                {
                    var what =
                        shape.Kind == SettingKind.List ? "a list" : "a section of names and values";
                    problems.Add(
                        At(
                            configuration,
                            section.Path,
                            section.Path,
                            $"must be {what}, not '{section.Value}'"
                        )
                    );
                    return;
                }
                var element = SettingShape.Of("", shape.ValueType);
                foreach (var child in children)
                {
                    if (shape.Kind == SettingKind.List && !int.TryParse(child.Key, out _))
                        problems.Add(
                            At(
                                configuration,
                                FirstLeaf(child),
                                child.Path,
                                "is not a list position; a list's items are numbered 0, 1, …"
                            )
                        );
                    else
                        Walk(configuration, child, element, problems);
                }
                return;
            case SettingKind.Section:
                if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
                {
                    problems.Add(
                        At(
                            configuration,
                            section.Path,
                            section.Path,
                            $"is a section of settings ({string.Join(", ", shape.Children.Keys)}), not a value"
                        )
                    );
                    return;
                }
                foreach (var child in children)
                {
                    if (shape.Children.TryGetValue(child.Key, out var known))
                    {
                        Walk(configuration, child, known, problems);
                        continue;
                    }
                    var message = "unknown setting";
                    if (NameSuggestions.Closest(child.Key, shape.Children.Keys) is { } close)
                        message += $"; did you mean '{close}'?";
                    problems.Add(At(configuration, FirstLeaf(child), child.Path, message));
                }
                return;
        }
    }

    /// <summary>A top-level section one typo away from the one NanoClaw reads, which would otherwise be ignored whole.</summary>
    private static IEnumerable<string> MisspelledSection(IConfiguration configuration, string name)
    {
        foreach (var section in configuration.GetChildren())
        {
            if (
                !section.Key.Equals(name, StringComparison.OrdinalIgnoreCase)
                && NameSuggestions.Distance(section.Key.ToLowerInvariant(), name.ToLowerInvariant())
                    <= 2
            )
                yield return At(
                    configuration,
                    FirstLeaf(section),
                    section.Path,
                    $"unknown section; did you mean '{name}'?"
                );
        }
    }

    /// <summary>A key that holds a value under <paramref name="section"/>, to tell where the section was set.</summary>
    private static string FirstLeaf(IConfigurationSection section)
    {
        var current = section;
        while (current.GetChildren().FirstOrDefault() is { } child)
            current = child;
        return current.Path;
    }

    private static void AddIf(
        List<string> problems,
        IConfiguration configuration,
        string key,
        string? problem
    )
    {
        if (problem is not null)
            problems.Add(At(configuration, key, key, problem));
    }

    private static string At(
        IConfiguration configuration,
        string sourceKey,
        string key,
        string message
    ) =>
        SettingOrigin.Of(configuration, sourceKey) is { } origin
            ? $"{key}: {message} (set in {origin})"
            : $"{key}: {message}";
}
