using System.Diagnostics;
using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Mounts;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

/// <summary>A mount's path swapped for a link to a blocked folder between its check and its mount.</summary>
public sealed class MountRaceSpec : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _allowed;
    private readonly string _swap;
    private readonly string _allowlist;

    public MountRaceSpec()
    {
        _allowed = _dir.Combine("shared", "ok");
        _dir.WriteFile("shared/ok/f", "ok-content");
        _dir.WriteFile("secret/f", "SECRET-content");
        _swap = _dir.Combine("shared", "swap");
        Directory.CreateSymbolicLink(_swap, _dir.Combine("secret"));
        _allowlist = _dir.WriteFile(
            "config/allowlist.json",
            $$"""{ "allowedRoots": [ { "path": "{{_dir.Combine("shared")}}" } ] }"""
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_racing_link_swapper_never_gets_a_blocked_folder_mounted()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness(allowlistPath: _allowlist);
        var group = ContainerRunnerHarness.Group(
            "racer",
            new ContainerSettings { AdditionalMounts = [new MountSpec { HostPath = _allowed }] }
        );
        const int Tries = 16;
        var (leaked, mounted, refused) = (0, 0, 0);
        var reasons = new List<string>();
        var clock = Stopwatch.StartNew();

        using (var swapper = new SymlinkSwapper(_allowed, _swap))
        {
            swapper.Start();
            for (var i = 0; i < Tries; i++)
            {
                var outcome = await harness.Runner.RunAsync(
                    harness.Request(group, ["sh", "-c", "cat /workspace/extra/ok/f; sleep 0.3"]),
                    TestContext.Current.CancellationToken
                );
                if (outcome.Stdout.Text.Contains("SECRET", StringComparison.Ordinal))
                    leaked++;
                else if (outcome.Stdout.Text.Contains("ok-content", StringComparison.Ordinal))
                    mounted++;
                else if (
                    outcome is { Status: RunStatus.Failed, Error: { } error }
                    && error.Contains("refused", StringComparison.Ordinal)
                )
                {
                    refused++;
                    reasons.Add(error);
                }
            }
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Tries} tries in {clock.Elapsed.TotalSeconds:F1} s, {swapper.Swaps} swaps: {leaked} leaked, {mounted} mounted the allowed folder, {refused} refused\n{string.Join('\n', reasons)}"
            );
        }

        Assert.Equal(0, leaked);
        Assert.Equal(Tries, mounted + refused);
        Assert.True(refused > 0, "the swapper never got in the way: the test proved nothing");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_folder_swapped_after_its_check_is_caught_before_the_container_runs()
    {
        Podman.Require();
        var cli = new NanoClaw.Runners.Container.ContainerRuntime(
            new NanoClaw.Configuration.NanoClawOptions
            {
                Container = new NanoClaw.Configuration.ContainerRunnerOptions
                {
                    Runtime = "podman",
                },
            }
        ).Find()!;
        var mount = new ResolvedMount(_allowed, "/workspace/extra/ok", IsReadOnly: true);
        using var pins = PinnedMounts.Open([mount]);

        var untouched = await VerifyInFreshContainerAsync(cli, pins);
        SymlinkSwapper.Exchange(_allowed, _swap);
        string? swapped;
        try
        {
            swapped = await VerifyInFreshContainerAsync(cli, pins);
        }
        finally
        {
            SymlinkSwapper.Exchange(_allowed, _swap);
        }

        Assert.Null(untouched);
        Assert.Contains(
            "changed between its check and the mount",
            swapped,
            StringComparison.Ordinal
        );
    }

    private async Task<string?> VerifyInFreshContainerAsync(
        NanoClaw.Runners.Container.ContainerCli cli,
        PinnedMounts pins
    )
    {
        var name = $"nanoclaw-verify-{Guid.NewGuid():N}";
        try
        {
            var pid = await cli.CreateAndInitAsync(
                [
                    "create",
                    "--rm",
                    "--name",
                    name,
                    "-v",
                    $"{_allowed}:/workspace/extra/ok:ro",
                    Podman.TestImage,
                    "true",
                ],
                name,
                TestContext.Current.CancellationToken
            );
            return pins.Verify(pid);
        }
        finally
        {
            await cli.RemoveAsync([name], TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _dir.Dispose();
}
