using Dapper;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// The run store's schema. WAL is a property of the file, so setting it here also serves Quartz's
/// connections. The (task, time) and (group, time) indexes answer "newest N runs of X" with a seek.
/// Its version is SQLite's <c>user_version</c>: read at every start, migrated forward one step at a
/// time, and a store written by a newer NanoClaw is refused rather than misread.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 9;

    /// <summary>Version 1, created where missing; later versions are the steps of <see cref="Migrations"/>.</summary>
    private const string Script = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS nanoclaw_runs (
            id TEXT PRIMARY KEY,
            task_id TEXT NULL,
            group_name TEXT NOT NULL,
            mode TEXT NOT NULL,
            trigger_kind TEXT NOT NULL,
            status TEXT NOT NULL,
            exit_code INTEGER NULL,
            scheduled_at TEXT NOT NULL,
            started_at TEXT NOT NULL,
            started_at_ms INTEGER NOT NULL,
            finished_at TEXT NULL,
            duration_ms INTEGER NULL,
            result TEXT NULL,
            stdout TEXT NOT NULL,
            stderr TEXT NOT NULL,
            stdout_truncated INTEGER NOT NULL,
            stderr_truncated INTEGER NOT NULL,
            error TEXT NULL,
            node TEXT NOT NULL,
            log_path TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_started ON nanoclaw_runs (started_at_ms DESC);
        CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_task ON nanoclaw_runs (task_id, started_at_ms DESC);
        CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_group ON nanoclaw_runs (group_name, started_at_ms DESC);
        CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_status ON nanoclaw_runs (status, node);
        CREATE TABLE IF NOT EXISTS nanoclaw_group_sessions (
            group_name TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS nanoclaw_once_fired (
            task_id TEXT NOT NULL,
            once_at_ms INTEGER NOT NULL,
            PRIMARY KEY (task_id, once_at_ms)
        );
        CREATE TABLE IF NOT EXISTS nanoclaw_synced_tasks (
            group_name TEXT NOT NULL,
            task_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (group_name, task_id)
        );
        """;

    /// <summary>The step that brings a store of version <c>index + 1</c> to the next.</summary>
    private static readonly string[] Migrations =
    [
        // 1 → 2: the firing a run carried out, so a recovery never runs a finished firing again.
        """
            ALTER TABLE nanoclaw_runs ADD COLUMN firing_id TEXT NULL;
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_firing ON nanoclaw_runs (firing_id);
            """,
        // 2 → 3: the lease a daemon holds on the store (SqliteStoreLease), one row at most, and the
        // triggers set aside at start because they could not be read (TriggerQuarantine).
        """
            CREATE TABLE IF NOT EXISTS nanoclaw_lease (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                node TEXT NOT NULL,
                pid INTEGER NOT NULL,
                token TEXT NOT NULL,
                started_at TEXT NOT NULL,
                heartbeat_ms INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS nanoclaw_quarantine (
                trigger_name TEXT NOT NULL,
                trigger_group TEXT NOT NULL,
                job_name TEXT NOT NULL,
                trigger_type TEXT NOT NULL,
                job_data BLOB NULL,
                reason TEXT NOT NULL,
                quarantined_at TEXT NOT NULL
            );
            """,
        TaskPausesStep(),
        IpcJournalStep(),
        RetriesAndNotifications(),
        RunPageIndexes(),
        RunInputsStep(),
        TaskLatestStep(),
    ];

    /// <summary>
    /// 3 → 4: the tasks paused on their own (TaskPauses). Quartz keeps one pause state per trigger, and
    /// resuming a paused group resumes all of its triggers: this is what remembers which to keep paused.
    /// </summary>
    private static string TaskPausesStep() =>
        """
            CREATE TABLE IF NOT EXISTS nanoclaw_task_pauses (
                group_name TEXT NOT NULL,
                task_id TEXT NOT NULL,
                paused_at TEXT NOT NULL,
                PRIMARY KEY (group_name, task_id)
            );
            """;

    /// <summary>
    /// 4 → 5: the IPC requests agents sent (Agents/Ipc/IpcJournal): one row per group and request id,
    /// so a request seen again after a crash is neither lost nor carried out twice.
    /// </summary>
    private static string IpcJournalStep() =>
        """
            CREATE TABLE IF NOT EXISTS nanoclaw_ipc_requests (
                group_name TEXT NOT NULL,
                request_id TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                state TEXT NOT NULL,
                answer TEXT NULL,
                received_at_ms INTEGER NOT NULL,
                PRIMARY KEY (group_name, request_id)
            );
            """;

    /// <summary>
    /// 5 → 6: which attempt of its firing a run is (README "Retries"); each task's run of failures and
    /// whether it was reported, the outbox of notifications and every delivery attempt (README "Notifications").
    /// </summary>
    private static string RetriesAndNotifications() =>
        """
            ALTER TABLE nanoclaw_runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE nanoclaw_runs ADD COLUMN retry_of TEXT NULL;
            CREATE TABLE IF NOT EXISTS nanoclaw_task_health (
                task_id TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                failing INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS nanoclaw_notify_outbox (
                id TEXT PRIMARY KEY,
                event TEXT NOT NULL,
                task_id TEXT NULL,
                run_id TEXT NOT NULL,
                target TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_ms INTEGER NOT NULL,
                state TEXT NOT NULL,
                last_error TEXT NULL,
                finished_at TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_notify_outbox_due ON nanoclaw_notify_outbox (state, next_attempt_ms);
            CREATE TABLE IF NOT EXISTS nanoclaw_notify_attempts (
                delivery_id TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                at TEXT NOT NULL,
                ok INTEGER NOT NULL,
                detail TEXT NOT NULL,
                PRIMARY KEY (delivery_id, attempt)
            );
            """;

    /// <summary>
    /// 6 → 7: indexes for the dashboard's run filters (SqliteRunPages), so filtering a big history by
    /// status, trigger, or a group and a status seeks instead of scanning. Built once, in seconds on
    /// a million runs.
    /// </summary>
    private static string RunPageIndexes() =>
        """
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_status_started ON nanoclaw_runs (status, started_at_ms DESC);
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_trigger_started ON nanoclaw_runs (trigger_kind, started_at_ms DESC);
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_runs_group_status_started ON nanoclaw_runs (group_name, status, started_at_ms DESC);
            """;

    /// <summary>
    /// 7 → 8: what each run was handed, kept with the run: its prompt and the session it continued,
    /// and the session its agent reported. Runs recorded before keep <c>input_recorded = 0</c>, so
    /// they read as "not recorded" rather than as runs that had no prompt.
    /// </summary>
    private static string RunInputsStep() =>
        """
            ALTER TABLE nanoclaw_runs ADD COLUMN prompt TEXT NULL;
            ALTER TABLE nanoclaw_runs ADD COLUMN session_id TEXT NULL;
            ALTER TABLE nanoclaw_runs ADD COLUMN new_session_id TEXT NULL;
            ALTER TABLE nanoclaw_runs ADD COLUMN input_recorded INTEGER NOT NULL DEFAULT 0;
            """;

    /// <summary>
    /// 8 → 9: each task's newest run (by start, then id), kept by triggers on <c>nanoclaw_runs</c> in
    /// the transaction of every write, whoever writes, so the task list and the failing tasks read it
    /// instead of seeking the newest run of every task. Each write re-reads its task's newest run
    /// with one seek of the (task, time) index. Filled once from the history (seconds on a million runs).
    /// The bodies use no conflict clause of their own: SQLite applies the firing statement's instead
    /// (the store's <c>INSERT OR IGNORE</c> would turn a replace into a no-op), so each deletes first.
    /// </summary>
    private static string TaskLatestStep() =>
        """
            CREATE TABLE IF NOT EXISTS nanoclaw_task_latest (
                task_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                started_at_ms INTEGER NOT NULL,
                status TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_nanoclaw_task_latest_status ON nanoclaw_task_latest (status);
            INSERT OR REPLACE INTO nanoclaw_task_latest (task_id, run_id, started_at_ms, status)
                SELECT r.task_id, r.id, r.started_at_ms, r.status
                FROM (SELECT DISTINCT task_id AS t FROM nanoclaw_runs WHERE task_id IS NOT NULL) d
                JOIN nanoclaw_runs r ON r.id = (
                    SELECT l.id FROM nanoclaw_runs l WHERE l.task_id = d.t
                    ORDER BY l.started_at_ms DESC, l.id DESC LIMIT 1);
            CREATE TRIGGER IF NOT EXISTS tr_nanoclaw_task_latest_insert AFTER INSERT ON nanoclaw_runs
            WHEN NEW.task_id IS NOT NULL
            BEGIN
                DELETE FROM nanoclaw_task_latest WHERE task_id = NEW.task_id;
                INSERT INTO nanoclaw_task_latest (task_id, run_id, started_at_ms, status)
                    SELECT task_id, id, started_at_ms, status FROM nanoclaw_runs
                    WHERE task_id = NEW.task_id ORDER BY started_at_ms DESC, id DESC LIMIT 1;
            END;
            CREATE TRIGGER IF NOT EXISTS tr_nanoclaw_task_latest_update
            AFTER UPDATE OF task_id, status, started_at_ms ON nanoclaw_runs
            BEGIN
                DELETE FROM nanoclaw_task_latest WHERE task_id IN (OLD.task_id, NEW.task_id);
                INSERT INTO nanoclaw_task_latest (task_id, run_id, started_at_ms, status)
                    SELECT task_id, id, started_at_ms, status FROM nanoclaw_runs
                    WHERE task_id = OLD.task_id ORDER BY started_at_ms DESC, id DESC LIMIT 1;
                INSERT INTO nanoclaw_task_latest (task_id, run_id, started_at_ms, status)
                    SELECT task_id, id, started_at_ms, status FROM nanoclaw_runs
                    WHERE task_id = NEW.task_id AND NEW.task_id IS NOT OLD.task_id
                    ORDER BY started_at_ms DESC, id DESC LIMIT 1;
            END;
            CREATE TRIGGER IF NOT EXISTS tr_nanoclaw_task_latest_delete AFTER DELETE ON nanoclaw_runs
            WHEN OLD.task_id IS NOT NULL
            BEGIN
                DELETE FROM nanoclaw_task_latest WHERE task_id = OLD.task_id AND run_id = OLD.id;
                INSERT INTO nanoclaw_task_latest (task_id, run_id, started_at_ms, status)
                    SELECT task_id, id, started_at_ms, status FROM nanoclaw_runs
                    WHERE task_id = OLD.task_id
                        AND NOT EXISTS (SELECT 1 FROM nanoclaw_task_latest WHERE task_id = OLD.task_id)
                    ORDER BY started_at_ms DESC, id DESC LIMIT 1;
            END;
            """;

    public static async Task ApplyAsync(
        SqliteConnection connection,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(connection);
        var found = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("PRAGMA user_version", cancellationToken: cancellationToken)
        );
        if (found > Version)
            throw new StoreVersionException(connection.DataSource, (int)found, Version);
        await connection.ExecuteAsync(
            new CommandDefinition(Script, cancellationToken: cancellationToken)
        );
        // A store made before versions were read says 0 or 1: both hold version 1's tables now.
        for (var version = Math.Max(1, (int)found); version < Version; version++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(
                new CommandDefinition(
                    Migrations[version - 1] + $"PRAGMA user_version = {version + 1};",
                    transaction: transaction,
                    cancellationToken: cancellationToken
                )
            );
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
