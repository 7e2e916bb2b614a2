using NanoClaw.Benchmarks.Peers;
using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>The systems S1 and S3 compare, in the order each round runs them.</summary>
internal static class Contenders
{
    public const string BareQuartz = "quartz";

    public static IReadOnlyList<Contender> For(BenchmarkSizes sizes)
    {
        var all = new List<Contender>
        {
            new(
                "nanoclaw",
                "NanoClaw, default (non-main groups sandboxed)",
                ContenderKind.NanoClaw,
                Daemon.ExecutablePath,
                IsSandboxed: true
            ),
            new(
                "nanoclaw-unsandboxed",
                "NanoClaw, `Host:Sandbox` false",
                ContenderKind.NanoClaw,
                Daemon.ExecutablePath
            ),
        };
        if (sizes.NanoClawBefore is { } before)
        {
            all.Add(
                new(
                    "before",
                    "NanoClaw before, default",
                    ContenderKind.NanoClaw,
                    before,
                    IsSandboxed: true
                )
            );
            all.Add(
                new(
                    "before-unsandboxed",
                    "NanoClaw before, `Host:Sandbox` false",
                    ContenderKind.NanoClaw,
                    before
                )
            );
        }
        all.Add(
            new(
                BareQuartz,
                "bare Quartz.NET 4.7 + SQLite store",
                ContenderKind.Peer,
                PeerProcess.ExecutablePath("Quartz")
            )
        );
        all.Add(
            new(
                "hangfire",
                "Hangfire 1.8 + Hangfire.Storage.SQLite",
                ContenderKind.Peer,
                PeerProcess.ExecutablePath("Hangfire")
            )
        );
        return sizes.SideBySideContenders.Count == 0
            ? all
            :
            [
                .. all.Where(c =>
                    sizes.SideBySideContenders.Contains(c.Id, StringComparer.OrdinalIgnoreCase)
                ),
            ];
    }
}
