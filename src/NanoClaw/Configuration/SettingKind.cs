namespace NanoClaw.Configuration;

/// <summary>What a configuration key holds, as the options classes declare it.</summary>
internal enum SettingKind
{
    /// <summary>One value: a string, number, boolean, duration or enum name.</summary>
    Value,

    /// <summary>A list: children named <c>0</c>, <c>1</c>, … each holding one value.</summary>
    List,

    /// <summary>A section whose children are the properties of an options class.</summary>
    Section,

    /// <summary>A section whose children are free names (a dictionary).</summary>
    Map,
}
