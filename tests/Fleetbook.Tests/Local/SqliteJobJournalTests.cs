using Fleetbook.Backends.Local;
using Fleetbook.Journal;

namespace Fleetbook.Tests.Local;

public sealed class SqliteJobJournalTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder folder = new();
    private readonly SqliteJobJournal journal;

    public SqliteJobJournalTests()
    {
        journal = new SqliteJobJournal(folder.File("queue.db"));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Recording_the_same_attempt_again_replaces_it()
    {
        var running = Attempt("m1", 1, AttemptOutcome.Running);
        var finished = running with { Ended = Noon.AddMinutes(5), Outcome = AttemptOutcome.Failed, ExitCode = 2, Detail = "exit code 2" };

        await journal.RecordAsync(running, default);
        await journal.RecordAsync(finished, default);

        Assert.Equal([finished], await journal.AttemptsAsync("m1", default));
    }

    [Fact]
    public async Task Attempts_of_a_message_come_back_in_attempt_order_with_every_field()
    {
        var second = Attempt("m1", 2, AttemptOutcome.Succeeded) with { ExitCode = 0, Started = Noon, Ended = Noon.AddHours(1) };
        var first = Attempt("m1", 1, AttemptOutcome.TimedOut) with { Detail = "ran past 2h", Started = new DateTimeOffset(2025, 1, 31, 14, 0, 0, TimeSpan.FromHours(2)) };
        await journal.RecordAsync(second, default);
        await journal.RecordAsync(first, default);
        await journal.RecordAsync(Attempt("m2", 1, AttemptOutcome.Running), default);

        var attempts = await journal.AttemptsAsync("m1", default);

        Assert.Equal([first, second], attempts);
        Assert.Equal(TimeSpan.FromHours(1), attempts[1].Duration);
    }

    [Fact]
    public async Task A_message_with_no_attempts_has_an_empty_history()
    {
        Assert.Empty(await journal.AttemptsAsync("nobody", default));
        Assert.Equal(new JournalCounts(0, 0, 0), await journal.CountsAsync(default));
    }

    [Fact]
    public async Task Counts_count_finished_jobs_once_and_every_failed_attempt()
    {
        AttemptOutcome[][] histories =
        [
            [AttemptOutcome.Failed, AttemptOutcome.Succeeded],
            [AttemptOutcome.SkippedDone],
            [AttemptOutcome.Succeeded, AttemptOutcome.Succeeded], // a duplicate delivery that ran twice
            [AttemptOutcome.TimedOut, AttemptOutcome.LostWorker, AttemptOutcome.InputProblem, AttemptOutcome.OutputProblem],
            [AttemptOutcome.Killed, AttemptOutcome.Running],
        ];
        for (var m = 0; m < histories.Length; m++)
        {
            for (var a = 0; a < histories[m].Length; a++)
            {
                await journal.RecordAsync(Attempt($"m{m}", a + 1, histories[m][a]), default);
            }
        }

        var counts = await journal.CountsAsync(default);

        Assert.Equal(new JournalCounts(Succeeded: 3, Failed: 5, Running: 1), counts);
    }

    [Fact]
    public async Task A_killed_attempt_is_not_a_failure()
    {
        await journal.RecordAsync(Attempt("m1", 1, AttemptOutcome.Killed), default);

        Assert.Equal(new JournalCounts(0, 0, 0), await journal.CountsAsync(default));
        Assert.DoesNotContain(AttemptOutcome.Killed, SqliteJobJournal.FailedOutcomes);
    }

    [Fact]
    public async Task Mark_lost_turns_earlier_running_attempts_into_lost_workers()
    {
        var finished = Attempt("m1", 1, AttemptOutcome.Failed) with { ExitCode = 1 };
        await journal.RecordAsync(finished, default);
        await journal.RecordAsync(Attempt("m1", 2, AttemptOutcome.Running), default);
        await journal.RecordAsync(Attempt("m1", 3, AttemptOutcome.Running), default);
        await journal.RecordAsync(Attempt("m2", 1, AttemptOutcome.Running), default);
        var noticed = Noon.AddMinutes(31);

        await journal.MarkLostAsync("m1", 3, noticed, default);

        var attempts = await journal.AttemptsAsync("m1", default);
        Assert.Equal(finished, attempts[0]);
        Assert.Equal(AttemptOutcome.LostWorker, attempts[1].Outcome);
        Assert.Equal(noticed, attempts[1].Ended);
        Assert.Equal(SqliteJobJournal.LostWorkerDetail, attempts[1].Detail);
        Assert.Equal(AttemptOutcome.Running, attempts[2].Outcome);
        Assert.Equal(AttemptOutcome.Running, Assert.Single(await journal.AttemptsAsync("m2", default)).Outcome);
        Assert.Equal(new JournalCounts(0, 2, 2), await journal.CountsAsync(default));
    }

    [Fact]
    public async Task All_streams_every_attempt_oldest_first()
    {
        await journal.RecordAsync(Attempt("late", 1, AttemptOutcome.Running) with { Started = Noon.AddHours(2) }, default);
        await journal.RecordAsync(Attempt("early", 1, AttemptOutcome.Failed) with { Started = Noon }, default);
        await journal.RecordAsync(Attempt("early", 2, AttemptOutcome.Succeeded) with { Started = Noon.AddHours(1) }, default);

        var all = new List<JobAttempt>();
        await foreach (var attempt in journal.AllAsync(default))
        {
            all.Add(attempt);
        }

        Assert.Equal([("early", 1), ("early", 2), ("late", 1)], all.Select(a => (a.MessageId, a.Attempt)));
    }

    [Fact]
    public async Task Two_journals_on_one_file_see_each_others_attempts()
    {
        var other = new SqliteJobJournal(folder.File("queue.db"));

        await journal.RecordAsync(Attempt("m1", 1, AttemptOutcome.Succeeded), default);

        Assert.Equal(1, (await other.CountsAsync(default)).Succeeded);
    }

    private static JobAttempt Attempt(string messageId, int attempt, AttemptOutcome outcome) =>
        new(messageId, "Plate1-A01", attempt, "worker-1", Noon.AddMinutes(attempt), Outcome: outcome);
}
