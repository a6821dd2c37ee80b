using System.Runtime.CompilerServices;
using Fleetbook.Journal;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// The journal of a local run, in its own table of <c>queue.db</c>. Times are stored as UTC ticks and come back
/// in UTC; outcomes are stored by name so the file reads well in the sqlite3 shell.
/// </summary>
public sealed class SqliteJobJournal : IJobJournal
{
    public const string LostWorkerDetail = "the worker stopped answering; the message came back after its visibility timeout";

    private const string Columns = "message_id, job_id, attempt, worker, started_ticks, ended_ticks, outcome, exit_code, detail";

    /// <summary>Outcomes that count as failed attempts. <see cref="AttemptOutcome.Killed"/> is not one: the worker was stopped on purpose.</summary>
    public static IReadOnlyList<AttemptOutcome> FailedOutcomes { get; } =
    [
        AttemptOutcome.Failed,
        AttemptOutcome.TimedOut,
        AttemptOutcome.LostWorker,
        AttemptOutcome.InputProblem,
        AttemptOutcome.OutputProblem,
    ];

    private static readonly string DoneList = InList(AttemptOutcome.Succeeded, AttemptOutcome.SkippedDone);

    private static readonly string FailedList = InList(FailedOutcomes);

    // journal_totals holds the three counts, kept by triggers in the same transaction as every change to an attempt, so
    // that status reads one row however long the journal (a scan of a million finished attempts took about 0.1 s per
    // poll). Succeeded counts messages, not attempts: an attempt adds one only when no other attempt of its message is
    // done. A journal made before the table existed is counted once, when the table is made.
    private static readonly string Schema = $"""
        CREATE TABLE IF NOT EXISTS attempts (
            message_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            job_id TEXT NOT NULL,
            worker TEXT NOT NULL,
            started_ticks INTEGER NOT NULL,
            ended_ticks INTEGER,
            outcome TEXT NOT NULL,
            exit_code INTEGER,
            detail TEXT,
            PRIMARY KEY (message_id, attempt)
        );
        CREATE INDEX IF NOT EXISTS attempts_by_outcome ON attempts (outcome);
        CREATE INDEX IF NOT EXISTS attempts_done ON attempts (message_id) WHERE outcome IN ({DoneList});
        CREATE INDEX IF NOT EXISTS attempts_by_start ON attempts (started_ticks);
        CREATE TABLE IF NOT EXISTS journal_totals (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            succeeded INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            running INTEGER NOT NULL
        );
        INSERT INTO journal_totals (id, succeeded, failed, running)
            SELECT 1,
                (SELECT COUNT(*) FROM (SELECT DISTINCT message_id FROM attempts INDEXED BY attempts_done WHERE outcome IN ({DoneList}))),
                (SELECT COUNT(*) FROM attempts WHERE outcome IN ({FailedList})),
                (SELECT COUNT(*) FROM attempts WHERE outcome = '{AttemptOutcome.Running}')
            WHERE NOT EXISTS (SELECT 1 FROM journal_totals);
        CREATE TRIGGER IF NOT EXISTS attempts_counted_insert AFTER INSERT ON attempts BEGIN
            UPDATE journal_totals SET
                succeeded = succeeded + (new.outcome IN ({DoneList})
                    AND NOT EXISTS (SELECT 1 FROM attempts WHERE message_id = new.message_id AND attempt <> new.attempt AND outcome IN ({DoneList}))),
                failed = failed + (new.outcome IN ({FailedList})),
                running = running + (new.outcome = '{AttemptOutcome.Running}');
        END;
        CREATE TRIGGER IF NOT EXISTS attempts_counted_update AFTER UPDATE OF outcome ON attempts BEGIN
            UPDATE journal_totals SET
                succeeded = succeeded + ((new.outcome IN ({DoneList})) - (old.outcome IN ({DoneList})))
                    * NOT EXISTS (SELECT 1 FROM attempts WHERE message_id = new.message_id AND attempt <> new.attempt AND outcome IN ({DoneList})),
                failed = failed + (new.outcome IN ({FailedList})) - (old.outcome IN ({FailedList})),
                running = running + (new.outcome = '{AttemptOutcome.Running}') - (old.outcome = '{AttemptOutcome.Running}');
        END;
        CREATE TRIGGER IF NOT EXISTS attempts_counted_delete AFTER DELETE ON attempts BEGIN
            UPDATE journal_totals SET
                succeeded = succeeded - (old.outcome IN ({DoneList})
                    AND NOT EXISTS (SELECT 1 FROM attempts WHERE message_id = old.message_id AND outcome IN ({DoneList}))),
                failed = failed - (old.outcome IN ({FailedList})),
                running = running - (old.outcome = '{AttemptOutcome.Running}');
        END;
        """;

    private const string CountsSql = "SELECT succeeded, failed, running FROM journal_totals WHERE id = 1";

    private readonly SqliteDatabase database;

    public SqliteJobJournal(string databasePath)
        : this(new SqliteDatabase(databasePath, Schema))
    {
    }

    private SqliteJobJournal(SqliteDatabase database)
    {
        this.database = database;
    }

    /// <summary>The journal of a database that must exist already (a worker's): a missing file is reported as lost, never re-created.</summary>
    internal static SqliteJobJournal OpenExisting(string databasePath) => new(new SqliteDatabase(databasePath, Schema, mayCreate: false));

    public string DatabasePath => database.Path;

    public async Task RecordAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await database.Use(connection => Record(connection, null, attempt), cancellationToken);
    }

    /// <summary>Runs <paramref name="before"/> and records <paramref name="attempt"/> in one transaction of the journal's database; returns what <paramref name="before"/> returned.</summary>
    internal Task<T> RecordTogetherAsync<T>(JobAttempt attempt, Func<SqliteConnection, SqliteTransaction, T> before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = before(connection, transaction);
            Record(connection, transaction, attempt);
            transaction.Commit();
            return result;
        }, cancellationToken);
    }

    private static int Record(SqliteConnection connection, SqliteTransaction? transaction, JobAttempt attempt)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO attempts ({Columns})
            VALUES ($message_id, $job_id, $attempt, $worker, $started, $ended, $outcome, $exit_code, $detail)
            ON CONFLICT (message_id, attempt) DO UPDATE SET
                job_id = excluded.job_id, worker = excluded.worker, started_ticks = excluded.started_ticks,
                ended_ticks = excluded.ended_ticks, outcome = excluded.outcome, exit_code = excluded.exit_code,
                detail = excluded.detail
            """;
        command.Parameters.AddWithValue("$message_id", attempt.MessageId);
        command.Parameters.AddWithValue("$job_id", attempt.JobId);
        command.Parameters.AddWithValue("$attempt", attempt.Attempt);
        command.Parameters.AddWithValue("$worker", attempt.Worker);
        command.Parameters.AddWithValue("$started", attempt.Started.UtcTicks);
        command.Parameters.AddWithValue("$ended", (object?)attempt.Ended?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", attempt.Outcome.ToString());
        command.Parameters.AddWithValue("$exit_code", (object?)attempt.ExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)attempt.Detail ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    public async Task<IReadOnlyList<JobAttempt>> AttemptsAsync(string messageId, CancellationToken cancellationToken)
    {
        if (!database.Exists())
        {
            return [];
        }

        return await database.UseAsync<IReadOnlyList<JobAttempt>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM attempts WHERE message_id = $message_id ORDER BY attempt";
            command.Parameters.AddWithValue("$message_id", messageId);
            var attempts = new List<JobAttempt>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                attempts.Add(Read(reader));
            }

            return attempts;
        }, cancellationToken);
    }

    /// <summary>
    /// Succeeded: distinct messages with a Succeeded or SkippedDone attempt. Failed: attempts in <see cref="FailedOutcomes"/>.
    /// Running: attempts still running. One row, kept by triggers: as cheap with a million attempts as with none.
    /// </summary>
    public async Task<JournalCounts> CountsAsync(CancellationToken cancellationToken)
    {
        if (!database.Exists())
        {
            return new JournalCounts(0, 0, 0);
        }

        return await database.UseAsync<JournalCounts>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = CountsSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new JournalCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                : new JournalCounts(0, 0, 0);
        }, cancellationToken);
    }

    /// <summary>Every attempt, oldest first (read in one go, so a damaged file is reported before the first one).</summary>
    public async IAsyncEnumerable<JobAttempt> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!database.Exists())
        {
            yield break;
        }

        var attempts = await database.UseAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM attempts ORDER BY started_ticks, rowid";
            var all = new List<JobAttempt>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                all.Add(Read(reader));
            }

            return all;
        }, cancellationToken);
        foreach (var attempt in attempts)
        {
            yield return attempt;
        }
    }

    /// <summary>
    /// Turns the message's attempts before <paramref name="beforeAttempt"/> that are still Running into LostWorker,
    /// ended at <paramref name="at"/>. A worker calls it when it receives a message again (ReceiveCount &gt; 1):
    /// a Running earlier attempt means that worker died without a word.
    /// </summary>
    public async Task MarkLostAsync(string messageId, int beforeAttempt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.UseAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
            UPDATE attempts SET outcome = $lost, ended_ticks = $ended, detail = $detail
            WHERE message_id = $message_id AND attempt < $before AND outcome = $running
            """;
            command.Parameters.AddWithValue("$lost", nameof(AttemptOutcome.LostWorker));
            command.Parameters.AddWithValue("$ended", at.UtcTicks);
            command.Parameters.AddWithValue("$detail", LostWorkerDetail);
            command.Parameters.AddWithValue("$message_id", messageId);
            command.Parameters.AddWithValue("$before", beforeAttempt);
            command.Parameters.AddWithValue("$running", nameof(AttemptOutcome.Running));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    private static JobAttempt Read(SqliteDataReader reader) => new(
        MessageId: reader.GetString(0),
        JobId: reader.GetString(1),
        Attempt: reader.GetInt32(2),
        Worker: reader.GetString(3),
        Started: new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
        Ended: reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        Outcome: Enum.Parse<AttemptOutcome>(reader.GetString(6)),
        ExitCode: reader.IsDBNull(7) ? null : reader.GetInt32(7),
        Detail: reader.IsDBNull(8) ? null : reader.GetString(8));

    private static string InList(params IEnumerable<AttemptOutcome> outcomes) =>
        string.Join(", ", outcomes.Select(outcome => $"'{outcome}'"));
}
