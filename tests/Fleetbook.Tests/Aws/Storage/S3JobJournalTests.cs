using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Backends.Local;
using Fleetbook.Journal;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Storage;

/// <summary>The bucket journal over a folder (the same keys an S3 bucket gets), and once over fauxqs's S3.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class S3JobJournalTests(AwsEmulators emulators) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("s3-journal");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_attempt_is_one_object_under_the_runs_journal_prefix()
    {
        var bucket = new FolderObjectStore(_folder.Path);
        var journal = new S3JobJournal(bucket, "MyApp");

        await journal.RecordAsync(new JobAttempt("m-1", "A01", 2, "w1/copy0", T0), CancellationToken.None);

        var keys = await KeysAsync(bucket);
        Assert.Equal(["fleetbook/MyApp/journal/m-1/2.json"], keys);
    }

    [Fact]
    public async Task Recording_an_attempt_again_replaces_it_and_attempts_come_back_in_order()
    {
        var journal = new S3JobJournal(new FolderObjectStore(_folder.Path), "App");
        var running = new JobAttempt("m-1", "A01", 1, "w1/copy0", T0);

        await journal.RecordAsync(new JobAttempt("m-1", "A01", 2, "w2/copy0", T0.AddMinutes(1), T0.AddMinutes(2), AttemptOutcome.Succeeded, 0), CancellationToken.None);
        await journal.RecordAsync(running, CancellationToken.None);
        await journal.RecordAsync(running with { Ended = T0.AddSeconds(30), Outcome = AttemptOutcome.Failed, ExitCode = 3, Detail = "the program exited with code 3" }, CancellationToken.None);
        var attempts = await journal.AttemptsAsync("m-1", CancellationToken.None);

        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.Equal(running with { Ended = T0.AddSeconds(30), Outcome = AttemptOutcome.Failed, ExitCode = 3, Detail = "the program exited with code 3" }, attempts[0]);
        Assert.Equal(AttemptOutcome.Succeeded, attempts[1].Outcome);
    }

    [Fact]
    public async Task Counts_follow_the_local_journals_rules_and_see_later_changes()
    {
        var journal = new S3JobJournal(new FolderObjectStore(_folder.Path), "App");
        await journal.RecordAsync(new JobAttempt("m-1", "A", 1, "w", T0, T0.AddSeconds(1), AttemptOutcome.Failed, 1), CancellationToken.None);
        await journal.RecordAsync(new JobAttempt("m-1", "A", 2, "w", T0.AddSeconds(2), T0.AddSeconds(3), AttemptOutcome.Succeeded, 0), CancellationToken.None);
        await journal.RecordAsync(new JobAttempt("m-2", "B", 1, "w", T0, T0.AddSeconds(1), AttemptOutcome.SkippedDone), CancellationToken.None);
        var running = new JobAttempt("m-3", "C", 1, "w", T0);
        await journal.RecordAsync(running, CancellationToken.None);

        var before = await journal.CountsAsync(CancellationToken.None);
        await journal.RecordAsync(running with { Ended = T0.AddSeconds(9), Outcome = AttemptOutcome.Succeeded, ExitCode = 0 }, CancellationToken.None);
        var after = await journal.CountsAsync(CancellationToken.None);

        Assert.Equal(new JournalCounts(Succeeded: 2, Failed: 1, Running: 1), before);
        Assert.Equal(new JournalCounts(Succeeded: 3, Failed: 1, Running: 0), after);
    }

    [Fact]
    public async Task All_attempts_come_oldest_first_and_stray_objects_are_ignored()
    {
        var bucket = new FolderObjectStore(_folder.Path);
        var journal = new S3JobJournal(bucket, "App");
        await journal.RecordAsync(new JobAttempt("m-2", "B", 1, "w", T0.AddMinutes(5)), CancellationToken.None);
        await journal.RecordAsync(new JobAttempt("m-1", "A", 1, "w", T0), CancellationToken.None);
        await bucket.PutBytesAsync("fleetbook/App/journal/m-9/1.json", "not json"u8.ToArray(), CancellationToken.None);

        var all = new List<JobAttempt>();
        await foreach (var attempt in journal.AllAsync(CancellationToken.None))
        {
            all.Add(attempt);
        }

        Assert.Equal(["m-1", "m-2"], all.Select(a => a.MessageId));
    }

    [Fact]
    public async Task A_message_id_with_slashes_stays_one_key_segment()
    {
        var bucket = new FolderObjectStore(_folder.Path);
        var journal = new S3JobJournal(bucket, "App");

        await journal.RecordAsync(new JobAttempt("a/b c", "J", 1, "w", T0), CancellationToken.None);

        Assert.Equal(["fleetbook/App/journal/a%2Fb%20c/1.json"], await KeysAsync(bucket));
        Assert.Equal("a/b c", (await journal.AttemptsAsync("a/b c", CancellationToken.None)).Single().MessageId);
    }

    [EmulatorFact]
    public async Task The_journal_works_the_same_on_S3()
    {
        using var bucket = await emulators.FauxqsBucketAsync();
        var journal = new S3JobJournal(bucket, "App");

        await journal.RecordAsync(new JobAttempt("m-1", "A", 1, "w", T0, T0.AddSeconds(1), AttemptOutcome.Succeeded, 0), CancellationToken.None);
        await journal.RecordAsync(new JobAttempt("m-2", "B", 1, "w", T0, T0.AddSeconds(1), AttemptOutcome.TimedOut), CancellationToken.None);

        Assert.Equal(new JournalCounts(1, 1, 0), await journal.CountsAsync(CancellationToken.None));
        Assert.Equal(AttemptOutcome.TimedOut, (await journal.AttemptsAsync("m-2", CancellationToken.None)).Single().Outcome);
    }

    private static async Task<List<string>> KeysAsync(Fleetbook.Storage.IObjectStore bucket)
    {
        var keys = new List<string>();
        await foreach (var item in bucket.ListAsync("", CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        return keys;
    }
}
