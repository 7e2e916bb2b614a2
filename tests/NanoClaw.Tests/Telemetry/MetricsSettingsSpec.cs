using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Telemetry;

public sealed class MetricsSettingsSpec
{
    [Fact(Timeout = 60_000)]
    public async Task Bad_OTLP_settings_are_refused_by_key_before_anything_starts()
    {
        using var workspace = new Workspace(s =>
            s["Metrics"] = new JsonObject
            {
                ["Otlp"] = new JsonObject { ["Endpoint"] = "collector:4317", ["Protocol"] = "udp" },
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var validate = await workspace.CliAsync("validate");
        var serve = await CliRun.ExecAsync(workspace.Path, ["serve"]);

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains(
            "NanoClaw:Metrics:Otlp:Endpoint: must be an absolute http(s) URL",
            validate.Stderr + validate.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:Metrics:Otlp:Protocol: must be 'grpc' or 'http/protobuf', not 'udp'",
            validate.Stderr + validate.Stdout,
            StringComparison.Ordinal
        );
        Assert.Equal(2, serve.ExitCode);
        Assert.False(File.Exists(workspace.DatabaseFile), "serve touched the store");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_OTLP_endpoint_carrying_credentials_or_a_protocol_without_an_endpoint_is_refused()
    {
        using var workspace = new Workspace(s =>
            s["Metrics"] = new JsonObject
            {
                ["Public"] = "maybe",
                ["Otlp"] = new JsonObject { ["Protocol"] = "grpc" },
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        using var secret = new Workspace(s =>
            s["Metrics"] = new JsonObject
            {
                ["Otlp"] = new JsonObject { ["Endpoint"] = "https://user:hunter2@collector:4318" },
            }
        );
        secret.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var notABool = await workspace.CliAsync("validate");
        var withCredentials = await secret.CliAsync("validate");

        Assert.Equal(2, notABool.ExitCode);
        Assert.Contains(
            "Metrics:Public",
            notABool.Stderr + notABool.Stdout,
            StringComparison.Ordinal
        );
        Assert.Equal(2, withCredentials.ExitCode);
        Assert.Contains(
            "NanoClaw:Metrics:Otlp:Endpoint: must be an absolute http(s) URL without credentials",
            withCredentials.Stderr + withCredentials.Stdout,
            StringComparison.Ordinal
        );
        // The password is not repeated back into logs and terminals.
        Assert.DoesNotContain(
            "hunter2",
            withCredentials.Stderr + withCredentials.Stdout,
            StringComparison.Ordinal
        );
    }
}
