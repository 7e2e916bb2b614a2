using System.CommandLine;
using System.Text.Json;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli;

/// <summary><c>nanoclaw store check</c>: the store's integrity, schema version, contents and lease, daemon running or not.</summary>
internal static class StoreCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var check = new Command(
            "check",
            "Check the store's integrity and schema version; exit 0 if healthy, 1 if not."
        )
        {
            json,
        };
        check.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                var file = settings.Paths.DatabaseFile;
                var report = await SqliteStoreInspector.InspectAsync(
                    file,
                    integrity: true,
                    cancellationToken
                );
                var lease =
                    report.State == StoreState.Healthy
                        ? await ReadLeaseAsync(file, cancellationToken)
                        : null;
                var healthy = report.State == StoreState.Healthy;
                if (parse.GetValue(json))
                    Console.WriteLine(
                        JsonSerializer.Serialize(
                            new
                            {
                                store = file,
                                state = report.State.ToString().ToLowerInvariant(),
                                problem = healthy ? null : StoreAdvice.Explain(report),
                                schemaVersion = report.Version,
                                knownSchemaVersion = SqliteSchema.Version,
                                counts = report.Counts,
                                lease = lease?.Describe(DateTimeOffset.UtcNow),
                            },
                            Indented
                        )
                    );
                else
                {
                    Console.WriteLine($"store:   {file}");
                    Console.WriteLine($"state:   {report.State.ToString().ToLowerInvariant()}");
                    if (!healthy)
                        Console.Error.WriteLine(StoreAdvice.Explain(report));
                    else
                    {
                        Console.WriteLine(
                            $"schema:  version {report.Version} (this NanoClaw knows up to {SqliteSchema.Version})"
                        );
                        Console.WriteLine($"runs:    {Count(report, "nanoclaw_runs")}");
                        Console.WriteLine($"groups:  {Count(report, "QRTZ_JOB_DETAILS")}");
                        Console.WriteLine($"triggers: {Count(report, "QRTZ_TRIGGERS")}");
                        Console.WriteLine(
                            $"set aside: {Count(report, "nanoclaw_quarantine")} unreadable trigger(s) (table nanoclaw_quarantine; the daemon's log names them)"
                        );
                        Console.WriteLine(
                            $"lease:   {lease?.Describe(DateTimeOffset.UtcNow) ?? "none (no daemon holds the store)"}"
                        );
                    }
                }
                return healthy ? ExitCodes.Ok : ExitCodes.Failed;
            }
        );
        return new Command("store", "Inspect the store.") { check };
    }

    private static long Count(StoreReport report, string table) =>
        report.Counts.TryGetValue(table, out var count) ? count : 0;

    private static async Task<LeaseHolder?> ReadLeaseAsync(
        string file,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await new SqliteStoreLease(
                new SqliteConnectionFactory(file),
                ""
            ).ReadHolderAsync(cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // A store of an older version has no lease table until a daemon migrates it.
            return null;
        }
    }
}
