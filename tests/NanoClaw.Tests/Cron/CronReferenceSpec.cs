using System.Diagnostics;
using NanoClaw.Jobs.Cron;

namespace NanoClaw.Tests.Cron;

/// <summary>
/// NanoClaw's cron engine against an independent replay of cronie (<see cref="CronieReference"/>)
/// over thousands of seeded expressions, in zones with every kind of clock change, from instants
/// crowded around those changes.
/// </summary>
public sealed class CronReferenceSpec
{
    private static readonly string[] Zones =
    [
        "America/New_York",
        "Europe/Berlin",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "UTC",
    ];

    [Theory]
    [InlineData(20261202, 3000)]
    [InlineData(12, 1000)]
    public void Generated_expressions_fire_when_cronie_would_in_every_zone_around_clock_changes(
        int seed,
        int cases
    )
    {
        var random = new Random(seed);
        var generator = new CronExpressionGenerator(seed);
        var changes = Zones.ToDictionary(
            z => z,
            z => Changes(TimeZoneInfo.FindSystemTimeZoneById(z))
        );
        var failures = new List<string>();
        var compared = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var line = generator.Next();
            var zoneId = Zones[i % Zones.Length];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var after = PickInstant(random, changes[zoneId]);
            var cron = TaskCron.TryParse(line, out var error);
            if (cron is null)
            {
                // Only a never-firing date may be refused: everything generated is valid syntax.
                Assert.Contains("never fires", error, StringComparison.Ordinal);
                continue;
            }
            var horizon = after.AddDays(400);
            var expected = new CronieReference(line).Next(zone, after, 4, horizon);
            var actual = cron.Next(zone, after, 4).Where(t => t < horizon).ToList();
            compared++;
            if (!expected.SequenceEqual(actual) && failures.Count < 10)
                failures.Add(
                    $"'{line}' in {zoneId} after {after:o}:\n  cronie:   {string.Join(", ", expected.Select(t => t.ToString("o")))}\n  nanoclaw: {string.Join(", ", actual.Select(t => t.ToString("o")))}"
                );
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(
            compared > cases * 9 / 10,
            $"only {compared} of {cases} expressions were compared"
        );
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    /// <summary>The instants in 2026-2027 when the zone's offset changes (found hour by hour, then minute by minute).</summary>
    private static List<DateTimeOffset> Changes(TimeZoneInfo zone)
    {
        var result = new List<DateTimeOffset>();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var t = start; t < start.AddYears(2); t = t.AddHours(1))
        {
            if (zone.GetUtcOffset(t) == zone.GetUtcOffset(t.AddHours(1)))
                continue;
            var m = t;
            while (zone.GetUtcOffset(m) == zone.GetUtcOffset(t))
                m = m.AddMinutes(1);
            result.Add(new DateTimeOffset(m, TimeSpan.Zero));
        }
        return result;
    }

    private static DateTimeOffset PickInstant(Random random, List<DateTimeOffset> changes)
    {
        if (changes.Count == 0 || random.Next(10) < 3)
            return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)
                .AddMinutes(random.Next(0, 2 * 365 * 24 * 60))
                .AddSeconds(random.Next(0, 3) == 0 ? random.Next(60) : 0);
        // Up to two days before a change, sometimes exactly on a fire time's minute.
        return changes[random.Next(changes.Count)].AddMinutes(-random.Next(0, 48 * 60));
    }
}
