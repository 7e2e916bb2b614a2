using System.Net;
using NanoClaw.Dashboard;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// The login limiter on its own, with a clock the test moves: the window's end (a minute) is
/// checked without waiting a minute. The daemon's answers (429, Retry-After) are in LoginEdgesSpec.
/// </summary>
public sealed class LoginThrottleSpec
{
    private static readonly IPAddress Caller = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void After_five_attempts_in_a_minute_the_address_waits_until_the_minute_is_over()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);

        var allowed = Enumerable
            .Range(0, LoginThrottle.MaxFailures)
            .Select(_ => throttle.TryBegin(Caller))
            .ToList();
        clock.Advance(TimeSpan.FromSeconds(20));
        var sixth = throttle.TryBegin(Caller);
        var otherAddress = throttle.TryBegin(IPAddress.Parse("192.0.2.8"));
        clock.Advance(TimeSpan.FromSeconds(39));
        var stillBlocked = throttle.TryBegin(Caller);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterTheWindow = throttle.TryBegin(Caller);

        Assert.All(allowed, a => Assert.Null(a));
        Assert.Equal(TimeSpan.FromSeconds(40), sixth);
        Assert.Null(otherAddress);
        Assert.Equal(TimeSpan.FromSeconds(1), stillBlocked);
        Assert.Null(afterTheWindow);
    }

    [Fact]
    public void A_success_clears_the_count_and_a_limited_address_is_not_let_in_by_trying_again()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
            Assert.Null(throttle.TryBegin(Caller));
        Assert.Null(throttle.TryBegin(Caller));
        throttle.Succeeded(Caller);

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            Assert.Null(throttle.TryBegin(Caller));
        // Refused attempts do not move the window's end: retrying does not extend or shorten it.
        for (var i = 0; i < 10; i++)
            Assert.Equal(TimeSpan.FromMinutes(1), throttle.TryBegin(Caller));
    }

    [Fact]
    public async Task Guesses_sent_all_at_once_get_no_more_than_five_tries()
    {
        var throttle = new LoginThrottle(new ManualClock());
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable
            .Range(0, 64)
            .Select(_ =>
                Task.Run(() =>
                {
                    start.Wait(TestContext.Current.CancellationToken);
                    return throttle.TryBegin(Caller);
                })
            )
            .ToList();
        start.Set();
        var answers = await Task.WhenAll(attempts);

        Assert.Equal(LoginThrottle.MaxFailures, answers.Count(a => a is null));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
