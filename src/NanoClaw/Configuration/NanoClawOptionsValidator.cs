using Microsoft.Extensions.Options;

namespace NanoClaw.Configuration;

/// <summary>Reports every invalid setting by its configuration key, all at once.</summary>
internal sealed class NanoClawOptionsValidator : IValidateOptions<NanoClawOptions>
{
    /// <summary>A century: beyond it the cut-off date of pruning would fall before year 1.</summary>
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(36_500);

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
            options.StoreRetryBudget > TimeSpan.Zero,
            "StoreRetryBudget",
            "must be positive (hh:mm:ss)"
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
            options.Agents.GateTimeout >= TimeSpan.FromSeconds(1),
            "Agents:GateTimeout",
            "must be at least 00:00:01 (hh:mm:ss)"
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
        problems.AddRange(StoreOptionsCheck.Check(options.Store));
        // Timers enforce these, and a .NET timer waits at most about 49.7 days.
        foreach (
            var (key, value) in new[]
            {
                ("DefaultTimeout", options.DefaultTimeout),
                ("KillGracePeriod", options.KillGracePeriod),
                ("ShutdownGracePeriod", options.ShutdownGracePeriod),
                ("StoreRetryBudget", options.StoreRetryBudget),
                ("Admin:ClientTimeout", options.Admin.ClientTimeout),
                ("Retention:Interval", options.Retention.Interval),
            }
        )
            Require(
                value <= DurationText.MaxTimeout,
                key,
                $"must be at most {DurationText.MaxTimeout:c}, not {value:c}"
            );
        Require(
            options.Retention.MaxAge <= MaxRetention,
            "Retention:MaxAge",
            $"must be at most {MaxRetention:c} (0 keeps runs forever)"
        );
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
            options.Agents.MaxTasksPerGroup >= 0,
            "Agents:MaxTasksPerGroup",
            "must not be negative (0 lets agents create no tasks)"
        );
        Require(
            options.Agents.MinInterval >= TimeSpan.Zero,
            "Agents:MinInterval",
            "must not be negative (hh:mm:ss)"
        );
        Require(
            options.Agents.MaxPromptBytes is >= 1 and <= 64 * 1024,
            "Agents:MaxPromptBytes",
            "must be between 1 and 65536 (a whole request is at most 64 KiB)"
        );
        problems.AddRange(AdminProblems(options.Admin).Select(p => $"NanoClaw:{p}"));
        problems.AddRange(NotifyOptionsCheck.Problems(options.Notify).Select(p => $"NanoClaw:{p}"));
        problems.AddRange(options.Metrics.Otlp.Problems().Select(p => $"NanoClaw:{p}"));
        problems.AddRange(DashboardOptionsCheck.Problems(options.Dashboard));
        return problems;
    }

    /// <summary>
    /// The admin API's settings: beyond loopback only over TLS (or by an explicit opt-in), and a
    /// configured token long enough not to be guessed.
    /// </summary>
    private static IEnumerable<string> AdminProblems(AdminOptions admin)
    {
        if (admin.ClientTimeout <= TimeSpan.Zero)
            yield return "Admin:ClientTimeout: must be positive (hh:mm:ss)";
        if (
            !Uri.TryCreate(admin.Url, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https")
        )
        {
            yield return $"Admin:Url: must be an absolute http(s) URL, not '{admin.Url}'";
        }
        else if (url.Scheme == "https" && !admin.Certificate.IsConfigured)
        {
            yield return $"Admin:Url: '{admin.Url}' is https but NanoClaw:Admin:Certificate:Path is not set; name the TLS certificate (a .pfx with Certificate:Password, or a PEM file with Certificate:KeyPath)";
        }
        else if (url.Scheme == "http" && admin.Certificate.IsConfigured)
        {
            yield return $"Admin:Certificate:Path: is set but NanoClaw:Admin:Url '{admin.Url}' is plain http; use an https:// URL";
        }
        else if (
            url.Scheme == "http"
            && !LoopbackHost.IsLoopback(url.Host)
            && !admin.AllowInsecureHttp
        )
        {
            yield return $"Admin:Url: '{admin.Url}' listens beyond loopback over plain HTTP, where the token and every answer cross the network readable; use https:// with NanoClaw:Admin:Certificate:Path, or set NanoClaw:Admin:AllowInsecureHttp to true to accept that";
        }
        if (!string.IsNullOrEmpty(admin.Certificate.KeyPath) && !admin.Certificate.IsConfigured)
            yield return "Admin:Certificate:KeyPath: is set without NanoClaw:Admin:Certificate:Path, the certificate it belongs to";
        if (!string.IsNullOrEmpty(admin.Token))
        {
            if (admin.Token.Length < AdminOptions.MinimumTokenLength)
                yield return $"Admin:Token: must be at least {AdminOptions.MinimumTokenLength} characters long (it is {admin.Token.Length}); leave it unset to use the generated admin.token file, or use e.g. 'openssl rand -hex 32'";
            if (admin.Token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                yield return "Admin:Token: must not contain whitespace or control characters";
        }
        for (var i = 0; i < admin.AllowedHosts.Length; i++)
        {
            var host = admin.AllowedHosts[i];
            var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
            if (Uri.CheckHostName(bare) == UriHostNameType.Unknown)
                yield return $"Admin:AllowedHosts:{i}: '{host}' is not a host name or IP address (no scheme, port, path or wildcard)";
        }
    }
}
