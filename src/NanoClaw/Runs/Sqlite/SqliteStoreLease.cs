using System.Globalization;
using Dapper;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// The store's own record of which daemon works on it. The lock file only guards daemons that see
/// the same file: deleted, or on another mount of the data directory, it no longer does. The lease
/// lives in the store itself, taken inside a write transaction and renewed every
/// <see cref="Interval"/>; another daemon respects it while its heartbeat is recent, and takes it
/// over once it is <see cref="StaleAfter"/> old or its holder is a process of this node that is gone.
/// </summary>
internal sealed class SqliteStoreLease(SqliteConnectionFactory connections, string node)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    private const string Select =
        "SELECT node AS Node, pid AS Pid, token AS Token, started_at AS StartedAt, heartbeat_ms AS HeartbeatMs FROM nanoclaw_lease WHERE id = 1";

    private readonly string _token = Guid.NewGuid().ToString("N");

    /// <summary>Takes the lease; returns null when taken, or the live holder that keeps it.</summary>
    public async Task<LeaseHolder?> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: two daemons starting at once serialise here, and the second sees the first's row.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var holder = await connection.QuerySingleOrDefaultAsync<LeaseHolder>(
            new CommandDefinition(
                Select,
                transaction: transaction,
                cancellationToken: cancellationToken
            )
        );
        var now = DateTimeOffset.UtcNow;
        if (holder is not null && IsLive(holder, now))
            return holder;
        await connection.ExecuteAsync(
            new CommandDefinition(
                """
                INSERT OR REPLACE INTO nanoclaw_lease (id, node, pid, token, started_at, heartbeat_ms)
                VALUES (1, @node, @pid, @token, @startedAt, @now)
                """,
                new
                {
                    node,
                    pid = Environment.ProcessId,
                    token = _token,
                    startedAt = now.ToString("O", CultureInfo.InvariantCulture),
                    now = now.ToUnixTimeMilliseconds(),
                },
                transaction,
                cancellationToken: cancellationToken
            )
        );
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Moves the heartbeat on; false when another daemon has taken the lease meanwhile.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            new CommandDefinition(
                "UPDATE nanoclaw_lease SET heartbeat_ms = @now WHERE id = 1 AND token = @token",
                new { now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), token = _token },
                cancellationToken: cancellationToken
            )
        );
        return updated == 1;
    }

    public async Task<LeaseHolder?> ReadHolderAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LeaseHolder>(
            new CommandDefinition(Select, cancellationToken: cancellationToken)
        );
    }

    /// <summary>Gives the lease up at a clean stop, so the next start need not wait for it to go stale.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "DELETE FROM nanoclaw_lease WHERE id = 1 AND token = @token",
                new { token = _token },
                cancellationToken: cancellationToken
            )
        );
    }

    /// <summary>
    /// A recent heartbeat keeps the lease, unless its holder is a process of this node that no
    /// longer exists (a killed daemon) or has this process's id (a daemon restarted in a container,
    /// where every start gets the same pid).
    /// </summary>
    public bool IsLive(LeaseHolder holder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (holder.Token == _token || holder.HeartbeatAge(now) > StaleAfter)
            return false;
        if (holder.Node != node || !OperatingSystem.IsLinux())
            return true;
        return holder.Pid != Environment.ProcessId && IsRunning(holder.Pid);
    }

    /// <summary>A killed process stays in /proc as a zombie until reaped: it counts as gone.</summary>
    private static bool IsRunning(long pid)
    {
        try
        {
            var stat = File.ReadAllText(
                "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat"
            );
            // "pid (comm) S ...": the state follows the last ')', the command name may hold any character.
            var state = stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart();
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
