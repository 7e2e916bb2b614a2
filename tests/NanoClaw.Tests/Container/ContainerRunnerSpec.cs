using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

public sealed class ContainerRunnerSpec
{
    [Fact(Timeout = 60_000)]
    public async Task A_run_past_its_timeout_is_timed_out_and_leaves_no_container()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        var group = ContainerRunnerHarness.Group("slow");
        var request = harness.Request(group, ["sleep", "60"], TimeSpan.FromSeconds(1));

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.True(outcome.FinishedAt - outcome.StartedAt < TimeSpan.FromSeconds(15));
        Assert.Empty(Podman.Containers($"nanoclaw-slow-{request.RunId}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_container_printing_far_more_than_the_cap_keeps_a_bounded_tail_marked_truncated()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness(maxOutputBytes: 4096);
        var request = harness.Request(
            ContainerRunnerHarness.Group("loud"),
            ["sh", "-c", "yes 0123456789 | head -c 2000000; echo; echo the-end"]
        );

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.True(outcome.Stdout.IsTruncated);
        Assert.InRange(outcome.Stdout.Text.Length, 1, 4096);
        Assert.EndsWith("the-end\n", outcome.Stdout.Text, StringComparison.Ordinal);
        // The log file is bounded by the same cap, with a note where it stops.
        var log = await File.ReadAllTextAsync(
            request.LogPath,
            TestContext.Current.CancellationToken
        );
        Assert.InRange(log.Length, 4096, 4096 + 200);
        Assert.Contains("[nanoclaw] log truncated at 4096 bytes", log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_image_fails_the_run_with_an_error_saying_how_to_fix_it()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness(image: "localhost/nanoclaw-no-such-image:1");
        var request = harness.Request(ContainerRunnerHarness.Group("img"), ["true"]);

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Contains(
            "localhost/nanoclaw-no-such-image:1",
            outcome.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("podman pull", outcome.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_a_run_stops_and_removes_its_container()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        var request = harness.Request(ContainerRunnerHarness.Group("stopme"), ["sleep", "60"]);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cancel.CancelAfter(TimeSpan.FromSeconds(2));

        var outcome = await harness.Runner.RunAsync(request, cancel.Token);

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.Empty(Podman.Containers($"nanoclaw-stopme-{request.RunId}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_allowed_mount_appears_in_the_container_and_a_forced_read_only_one_cannot_be_written()
    {
        Podman.Require();
        using var dir = new TempDir();
        var docs = Directory.CreateDirectory(dir.Combine("shared", "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "readme.txt"), "shared-doc");
        var allowlist = dir.WriteFile(
            "config/allowlist.json",
            $$"""{ "allowedRoots": [ { "path": "{{dir.Combine("shared")}}", "readWrite": true } ] }"""
        );
        using var harness = new ContainerRunnerHarness(allowlistPath: allowlist);
        var group = ContainerRunnerHarness.Group(
            "reader",
            new ContainerSettings
            {
                AdditionalMounts = [new MountSpec { HostPath = docs, ReadOnly = false }],
            }
        );
        var request = harness.Request(
            group,
            [
                "sh",
                "-c",
                // podman 4.3 drops the output of a container that exits within milliseconds of
                // starting about once in 40 runs (seen with plain podman too): stay up a moment.
                "cat /workspace/extra/docs/readme.txt; echo x > /workspace/extra/docs/new.txt; status=$?; sleep 0.3; exit $status",
            ]
        );

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.True(
            outcome.Stdout.Text.Contains("shared-doc", StringComparison.Ordinal)
                && outcome.Stderr.Text.Contains("Read-only file system", StringComparison.Ordinal),
            $"stdout: {outcome.Stdout.Text}\nstderr: {outcome.Stderr.Text}\nerror: {outcome.Error}"
        );
        Assert.False(File.Exists(Path.Combine(docs, "new.txt")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_mount_fails_the_run_with_the_rule_recorded()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        var group = ContainerRunnerHarness.Group(
            "nomount",
            new ContainerSettings { AdditionalMounts = [new MountSpec { HostPath = "/etc" }] }
        );

        var outcome = await harness.Runner.RunAsync(
            harness.Request(group, ["true"]),
            TestContext.Current.CancellationToken
        );

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Contains(
            "mount '/etc' is refused: there is no mount allow-list",
            outcome.Error,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_prompt_run_uses_the_images_entrypoint_and_a_runtime_refusal_is_explained()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        // The busybox test image has no entrypoint, so the runtime itself refuses the prompt run.
        var request = harness.Request(ContainerRunnerHarness.Group("prompt"), command: null);

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(125, outcome.ExitCode);
        Assert.StartsWith(
            "podman could not run the container (exit code 125): ",
            outcome.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("entrypoint", outcome.Error, StringComparison.Ordinal);
    }
}
