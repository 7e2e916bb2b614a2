using NanoClaw.Scheduling;

namespace NanoClaw.Tests.Scheduling;

public sealed class ManualRunGateSpec
{
    [Fact]
    public void A_dropped_run_never_starts_and_a_started_run_is_never_dropped()
    {
        var gate = new ManualRunGate();

        Assert.True(gate.TryDrop("a"));
        Assert.False(gate.TryStart("a"));
        Assert.True(gate.TryStart("b"));
        Assert.False(gate.TryDrop("b"));
        gate.Finished("b");
        Assert.True(gate.TryStart("c"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Racing_a_start_and_a_drop_always_has_exactly_one_winner()
    {
        var gate = new ManualRunGate();
        for (var i = 0; i < 2_000; i++)
        {
            var id = $"run-{i}";
            using var go = new ManualResetEventSlim();
            var start = Task.Run(() =>
            {
                go.Wait();
                return gate.TryStart(id);
            });
            var drop = Task.Run(() =>
            {
                go.Wait();
                return gate.TryDrop(id);
            });
            go.Set();
            Assert.NotEqual(await start, await drop);
        }
    }
}
