using System.Text.RegularExpressions;
using NanoClaw.Configuration;

namespace NanoClaw.Jobs.Loading;

/// <summary>Reads and checks the <c>groups</c> object of a jobs file.</summary>
internal static partial class GroupReader
{
    public static Dictionary<string, GroupDefinition> Read(
        PositionedJson groups,
        ProblemList problems
    )
    {
        var result = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
        PositionedProperty? main = null;
        foreach (var property in groups.Properties)
        {
            var subject = $"group '{property.Name}'";
            if (!Names.IsValid(property.Name))
                problems.Add(
                    property.Line,
                    property.Column,
                    subject,
                    $"the name must match {Names.Pattern} (it becomes a folder and container name)"
                );
            else if (property.Name == "global")
                problems.Add(
                    property.Line,
                    property.Column,
                    subject,
                    "'global' is reserved: groups/global is the folder every group reads"
                );
            if (property.Value.Kind != JsonKind.Object)
            {
                problems.Add(
                    property.Value,
                    subject,
                    $"must be an object, not {property.Value.Describe()}"
                );
                continue;
            }
            var group = ReadOne(property.Name, property.Value, subject, problems);
            if (group.IsMain && main is not null)
                problems.Add(
                    property.Line,
                    property.Column,
                    subject,
                    $"only one group may be the main group; '{main.Name}' already is"
                );
            if (group.IsMain)
                main ??= property;
            if (!result.TryAdd(property.Name, group))
                problems.Add(property.Line, property.Column, subject, "is declared twice");
        }
        return result;
    }

    private static GroupDefinition ReadOne(
        string name,
        PositionedJson json,
        string subject,
        ProblemList problems
    )
    {
        var fields = new ObjectFields(
            json,
            subject,
            problems,
            "isMain",
            "executionMode",
            "timeout",
            "env",
            "network",
            "hostSockets",
            "outputFormat",
            "container",
            "description",
            "retry",
            "notify"
        );
        fields.String("description");
        return new GroupDefinition
        {
            Name = name,
            IsMain = fields.Bool("isMain") ?? false,
            ExecutionMode = fields.Enum<ExecutionMode>("executionMode"),
            Timeout = fields.Duration("timeout", TimeSpan.FromSeconds(1), DurationText.MaxTimeout),
            Env = fields.Env("env") ?? new Dictionary<string, string>(),
            Network = fields.Bool("network") ?? false,
            HostSockets = fields.Bool("hostSockets") ?? false,
            OutputFormat = fields.Enum<OutputFormat>("outputFormat") ?? OutputFormat.Sentinel,
            Container = fields.Of(JsonKind.Object, "container", "an object") is { } container
                ? ReadContainer(container, subject, problems)
                : null,
            Retry = RetryReader.Read(fields, subject, problems),
            Notify = NotifyReader.Read(fields, subject, problems, allowCommands: true),
        };
    }

    private static ContainerSettings ReadContainer(
        PositionedJson json,
        string subject,
        ProblemList problems
    )
    {
        var fields = new ObjectFields(
            json,
            subject,
            problems,
            "image",
            "memory",
            "cpus",
            "user",
            "capAdd",
            "additionalMounts"
        );
        var memory = fields.String("memory");
        if (memory is not null && !MemorySize().IsMatch(memory))
            fields.Report(
                fields.Get("memory")!,
                $"'memory' must be a size like 512m or 2g, not '{memory}'"
            );
        var cpus = fields.Number("cpus");
        if (cpus is <= 0)
            fields.Report(fields.Get("cpus")!, "'cpus' must be greater than 0");
        var (user, capAdd) = ContainerSecurityReader.Read(fields, subject, problems);
        var mounts = new List<MountSpec>();
        foreach (var item in fields.Of(JsonKind.Array, "additionalMounts", "an array")?.Items ?? [])
        {
            if (item.Kind != JsonKind.Object)
            {
                problems.Add(item, subject, $"a mount must be an object, not {item.Describe()}");
                continue;
            }
            if (ReadMount(item, subject, problems) is { } mount)
                mounts.Add(mount);
        }
        return new ContainerSettings
        {
            Image = fields.String("image"),
            Memory = memory,
            Cpus = cpus,
            User = user,
            CapAdd = capAdd,
            AdditionalMounts = mounts,
        };
    }

    private static MountSpec? ReadMount(PositionedJson json, string subject, ProblemList problems)
    {
        var fields = new ObjectFields(
            json,
            subject,
            problems,
            "hostPath",
            "containerPath",
            "readOnly"
        );
        var hostPath = fields.String("hostPath");
        var containerPath = fields.String("containerPath");
        if (hostPath is null || !Path.IsPathRooted(hostPath))
        {
            problems.Add(
                fields.Get("hostPath") ?? json,
                subject,
                "a mount needs an absolute 'hostPath'"
            );
            return null;
        }
        if (
            containerPath is not null
            && (Path.IsPathRooted(containerPath) || containerPath.Split('/').Contains(".."))
        )
        {
            fields.Report(
                fields.Get("containerPath")!,
                $"'containerPath' must be relative (it lands under /workspace/extra/) without '..', not '{containerPath}'"
            );
            return null;
        }
        return new MountSpec
        {
            HostPath = hostPath,
            ContainerPath = containerPath,
            ReadOnly = fields.Bool("readOnly") ?? true,
            Line = json.Line,
            Column = json.Column,
        };
    }

    [GeneratedRegex(@"\A[0-9]+(\.[0-9]+)?[bkmgBKMG]?\z")]
    private static partial Regex MemorySize();
}
