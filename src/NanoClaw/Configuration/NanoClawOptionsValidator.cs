using Microsoft.Extensions.Options;

namespace NanoClaw.Configuration;

/// <summary>Reports every invalid setting by its configuration key, all at once.</summary>
internal sealed class NanoClawOptionsValidator : IValidateOptions<NanoClawOptions>
{
    public ValidateOptionsResult Validate(string? name, NanoClawOptions options)
    {
        var problems = Check(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems);
    }

    public static List<string> Check(NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Require(bool ok, string key, string message)
        {
            if (!ok)
                problems.Add($"NanoClaw:{key}: {message}");
        }

        Require(
            options.MaxConcurrentRuns is >= 1 and <= 1024,
            "MaxConcurrentRuns",
            "must be between 1 and 1024"
        );
        Require(
            !string.IsNullOrWhiteSpace(options.DataDirectory),
            "DataDirectory",
            "must not be empty"
        );
        Require(
            !string.IsNullOrWhiteSpace(options.GroupsDirectory),
            "GroupsDirectory",
            "must not be empty"
        );
        Require(!string.IsNullOrWhiteSpace(options.JobsFile), "JobsFile", "must not be empty");
        Require(
            options.DefaultTimeout > TimeSpan.Zero,
            "DefaultTimeout",
            "must be positive (hh:mm:ss)"
        );
        Require(
            options.MisfireThreshold >= TimeSpan.Zero,
            "MisfireThreshold",
            "must not be negative (hh:mm:ss)"
        );
        Require(
            options.KillGracePeriod >= TimeSpan.Zero,
            "KillGracePeriod",
            "must not be negative (hh:mm:ss)"
        );
        Require(
            options.MaxLogFileBytes >= 0,
            "MaxLogFileBytes",
            "must not be negative (0 means no limit)"
        );
        Require(
            options.Retention.MaxAge >= TimeSpan.Zero,
            "Retention:MaxAge",
            "must not be negative (d.hh:mm:ss; 0 keeps runs forever)"
        );
        Require(
            options.Retention.MaxRunsPerTask >= 0,
            "Retention:MaxRunsPerTask",
            "must not be negative (0 keeps every run)"
        );
        Require(
            options.Retention.Interval >= TimeSpan.FromMinutes(1),
            "Retention:Interval",
            "must be at least 00:01:00"
        );
        Require(
            options.ShutdownGracePeriod >= TimeSpan.Zero,
            "ShutdownGracePeriod",
            "must not be negative (hh:mm:ss)"
        );
        Require(!string.IsNullOrWhiteSpace(options.NodeName), "NodeName", "must not be empty");
        Require(
            options.MaxRecordedOutputBytes >= 1024,
            "MaxRecordedOutputBytes",
            "must be at least 1024"
        );
        Require(
            options.Host.EffectiveAgentCommand.Count > 0,
            "Host:AgentCommand",
            "must name a program"
        );
        Require(
            options.Container.Runtime is "docker" or "podman",
            "Container:Runtime",
            $"must be 'docker' or 'podman', not '{options.Container.Runtime}'"
        );
        Require(
            !string.IsNullOrWhiteSpace(options.Container.Image),
            "Container:Image",
            "must not be empty"
        );
        Require(
            options.Container.MaxOutputBytes >= 1024,
            "Container:MaxOutputBytes",
            "must be at least 1024"
        );
        if (options.Container.User is { } user)
        {
            Jobs.ContainerUser.Parse(user, out var userError);
            Require(userError is null, "Container:User", userError ?? "");
        }
        foreach (var capability in options.Container.CapAdd ?? [])
            Require(
                Jobs.Capabilities.Normalize(capability) is not null,
                "Container:CapAdd",
                Jobs.Capabilities.Invalid(capability)
            );
        Require(
            Uri.TryCreate(options.Admin.Url, UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https",
            "Admin:Url",
            $"must be an absolute http(s) URL, not '{options.Admin.Url}'"
        );
        return problems;
    }
}
