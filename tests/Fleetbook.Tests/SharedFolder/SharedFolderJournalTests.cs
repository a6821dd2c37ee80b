using Fleetbook.Backends.SharedFolder;
using Fleetbook.Journal;

namespace Fleetbook.Tests.SharedFolder;

/// <summary>The journal as files of their own per writer, folded into one attempt per message and attempt number.</summary>
public sealed class SharedFolderJournalTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Local.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Attempts_recorded_by_several_writers_are_read_by_any_of_them()
    {
        // Arrange
        var a = Journal("slurm-1_0");
        var b = Journal("slurm-1_1");
        var reader = Journal("login-1");

        // Act
        await a.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Succeeded), default);
        await b.RecordAsync(Attempt("m2", 1, "slurm-1_1/copy0", AttemptOutcome.Failed), default);
        await b.RecordAsync(Attempt("m2", 2, "slurm-1_1/copy0", AttemptOutcome.Running), default);

        // Assert
        Assert.Equal(new JournalCounts(1, 1, 1), await reader.CountsAsync(default));
        Assert.Equal([1, 2], (await reader.AttemptsAsync("m2", default)).Select(x => x.Attempt));
        Assert.Equal(["slurm-1_0.jsonl", "slurm-1_1.jsonl"], Directory.GetFiles(_folder.File("journal")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_later_record_of_the_same_attempt_replaces_the_earlier_one_and_a_reader_reads_on()
    {
        // Arrange
        var worker = Journal("slurm-1_0");
        var reader = Journal("login-1");
        await worker.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Running), default);
        var before = await reader.CountsAsync(default);

        // Act
        await worker.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Succeeded) with { ExitCode = 0 }, default);

        // Assert
        Assert.Equal(new JournalCounts(0, 0, 1), before);
        Assert.Equal(new JournalCounts(1, 0, 0), await reader.CountsAsync(default));
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(await reader.AttemptsAsync("m1", default)).Outcome);
    }

    [Fact]
    public async Task The_attempts_own_worker_has_the_last_word_over_another_that_marked_it_lost()
    {
        // Arrange: a second worker marks attempt 1 lost; the first worker, slow but alive, then says it succeeded.
        var first = Journal("slurm-1_0");
        var second = Journal("slurm-1_1");
        await first.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Succeeded), default);

        // Act: the mark comes later in time, from another writer.
        await second.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.LostWorker), default);

        // Assert
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(await Journal("login").AttemptsAsync("m1", default)).Outcome);
    }

    [Fact]
    public async Task A_finished_attempt_is_never_replaced_by_a_running_one()
    {
        // Arrange
        var worker = Journal("slurm-1_0");
        await worker.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Killed), default);

        // Act: a heartbeat's late "running" record.
        await worker.RecordAsync(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Running), default);

        // Assert
        Assert.Equal(AttemptOutcome.Killed, Assert.Single(await Journal("login").AttemptsAsync("m1", default)).Outcome);
    }

    [Fact]
    public async Task A_line_still_being_written_is_read_once_it_is_complete_and_a_damaged_line_is_skipped()
    {
        // Arrange
        var reader = Journal("login");
        var file = Path.Combine(_folder.File("journal"), "slurm-1_0.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var line = System.Text.Json.JsonSerializer.Serialize(JournalLine.From(Attempt("m1", 1, "slurm-1_0/copy0", AttemptOutcome.Succeeded), 1)) + "\n";
        await File.WriteAllTextAsync(file, "{not json\n" + line[..20]);

        // Act
        var halfway = await reader.CountsAsync(default);
        await File.AppendAllTextAsync(file, line[20..]);
        var whole = await reader.CountsAsync(default);

        // Assert
        Assert.Equal(new JournalCounts(0, 0, 0), halfway);
        Assert.Equal(new JournalCounts(1, 0, 0), whole);
    }

    private SharedFolderJournal Journal(string writer) => new(_folder.File("journal"), writer);

    private static JobAttempt Attempt(string message, int attempt, string worker, AttemptOutcome outcome) =>
        new(message, "job-" + message, attempt, worker, T0, outcome == AttemptOutcome.Running ? null : T0.AddSeconds(1), outcome);
}
