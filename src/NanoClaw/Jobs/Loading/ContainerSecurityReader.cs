namespace NanoClaw.Jobs.Loading;

/// <summary>Reads a group's <c>container.user</c> and <c>container.capAdd</c>.</summary>
internal static class ContainerSecurityReader
{
    public static (string? User, IReadOnlyList<string> CapAdd) Read(
        ObjectFields fields,
        string subject,
        ProblemList problems
    )
    {
        var user = fields.String("user");
        if (user is not null)
        {
            ContainerUser.Parse(user, out var error);
            if (error is not null)
                fields.Report(fields.Get("user")!, $"'user' {error}");
        }
        var capAdd = new List<string>();
        foreach (var item in fields.Of(JsonKind.Array, "capAdd", "an array")?.Items ?? [])
        {
            if (item.Kind != JsonKind.String)
                problems.Add(
                    item,
                    subject,
                    $"a capability must be a string, not {item.Describe()}"
                );
            else if (Capabilities.Normalize(item.Text!) is null)
                problems.Add(item, subject, $"'capAdd': {Capabilities.Invalid(item.Text!)}");
            else
                capAdd.Add(item.Text!);
        }
        return (user, capAdd);
    }
}
