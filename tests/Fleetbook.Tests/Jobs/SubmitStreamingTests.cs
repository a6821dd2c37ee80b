using System.Text;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Jobs;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Jobs;

/// <summary>
/// Submit checks the job file whole, then reads it again as it sends: a file that changed in between sends nothing, and a
/// submit stopped part-way (the file changed, the queue failed) says how many jobs went.
/// </summary>
public class SubmitStreamingTests
{
    private const int Batch = 10_000;

    [Fact]
    public async Task A_file_changed_after_it_was_checked_is_refused_before_anything_is_sent()
    {
        // Arrange: the file is changed (same length, one value) once it has been checked, when the queue is opened to send
        using var folder = new TempFolder("changed-before");
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}, {"Well": "B01"}, {"Well": "C01"}]}""");
        var changed = false;
        await using var run = await SetUpAsync(folder, opened: () =>
        {
            if (!changed)
            {
                File.WriteAllText(jobs, """{"groups": [{"Well": "A01"}, {"Well": "B01"}, {"Well": "C02"}]}""");
                changed = true;
            }
        });

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        Assert.True(changed);
        Assert.Contains("changed after it was checked, so nothing was sent", Assert.Single(error.Problems).Message);
        Assert.Equal(0, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task A_file_changed_while_it_is_sent_stops_the_submit_with_the_jobs_sent_so_far_and_none_from_the_change_on()
    {
        // Arrange: about 6 MB of jobs; after the first batch is sent, a value near the end changes
        using var folder = new TempFolder("changed-during");
        const int count = 150_000;
        var jobs = folder.Write("jobs.json", JobFileText(count));
        await using var run = await SetUpAsync(folder, sending: batch =>
        {
            if (batch == 1)
            {
                ChangeByteNearTheEnd(jobs);
            }
        });

        // Act
        var error = await Assert.ThrowsAsync<SubmitStoppedException>(() => run.SubmitAsync(jobs));

        // Assert: whole batches from the start of the file, and not the one holding the change
        Assert.InRange(error.Sent, 2 * Batch, count - Batch);
        Assert.Equal(0, error.Sent % Batch);
        Assert.Equal(count, error.Jobs);
        Assert.Contains("changed while it was being submitted", error.Message);
        Assert.Contains($"stopped after sending {error.Sent:N0} of {count:N0} jobs", error.Message);
        Assert.IsType<InputException>(error.InnerException);
        Assert.Equal(error.Sent, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task A_queue_that_fails_part_way_stops_the_submit_saying_how_many_jobs_were_sent()
    {
        // Arrange
        using var folder = new TempFolder("send-fails");
        const int count = 25_000;
        var jobs = folder.Write("jobs.json", JobFileText(count));
        await using var run = await SetUpAsync(folder, sending: batch =>
        {
            if (batch == 1)
            {
                throw new IOException("No space left on device (test)");
            }
        });

        // Act
        var error = await Assert.ThrowsAsync<SubmitStoppedException>(() => run.SubmitAsync(jobs));

        // Assert
        Assert.Equal((Batch, count), (error.Sent, error.Jobs));
        Assert.Contains("stopped after sending 10,000 of 25,000 jobs: No space left on device (test).", error.Message);
        Assert.Contains("the other 15,000 were not sent", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(Batch, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public void Reading_the_jobs_again_from_a_file_changed_since_it_was_checked_fails_before_any_job_of_the_change()
    {
        // Arrange
        using var folder = new TempFolder("reread");
        var path = folder.Write("jobs.json", JobFileText(1000));
        var source = JobFile.Open(path);
        ChangeByteNearTheEnd(path);

        // Act
        var read = new List<Job>();
        var error = Assert.Throws<InputException>(() => read.AddRange(source.Jobs()));
        var before = Assert.Throws<InputException>(() => source.EnsureUnchanged());

        // Assert: the file is one block, so no job of it was handed out
        Assert.Empty(read);
        Assert.Contains("changed while it was being submitted", Assert.Single(error.Problems).Message);
        Assert.Contains("nothing was sent", Assert.Single(before.Problems).Message);
    }

    [Fact]
    public void A_file_read_again_unchanged_gives_the_same_jobs()
    {
        // Arrange: more than one block of the fingerprint
        using var folder = new TempFolder("unchanged");
        var path = folder.Write("jobs.json", JobFileText(60_000));
        var source = JobFile.Open(path);

        // Act
        source.EnsureUnchanged();
        var jobs = source.Jobs().ToList();

        // Assert
        Assert.True(new FileInfo(path).Length > JobFileFingerprint.BlockBytes);
        Assert.Equal(60_000, jobs.Count);
        Assert.Equal("""{"group": {"Plate": "P000059", "Well": "W059999"}}""", jobs[^1].Body);
    }

    private static string JobFileText(int count)
    {
        var text = new StringBuilder("{\"groups\": [\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",\n").Append($"{{\"Plate\": \"P{i / 1000:000000}\", \"Well\": \"W{i:000000}\"}}");
        }

        return text.Append("\n]}\n").ToString();
    }

    /// <summary>Changes one digit of the last job's values, in place: the file keeps its length.</summary>
    private static void ChangeByteNearTheEnd(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Position = file.Length - 8;
        var digit = file.ReadByte();
        file.Position = file.Length - 8;
        file.WriteByte(digit == '9' ? (byte)'8' : (byte)'9');
    }

    private static async Task<FleetRun> SetUpAsync(TempFolder folder, Action? opened = null, Action<int>? sending = null)
    {
        var config = new RunConfig { AppName = "Streaming", Command = ["prog", "{job_id}"] };
        ConfigFile.Save(config, folder.File(RunConfig.DefaultFileName));
        var backend = new HookedQueueBackend(new LocalBackend(config, folder.Path, TimeProvider.System), opened, sending);
        var run = FleetRun.Create(config, folder.Path, backend: backend);
        await run.SetupAsync();
        return run;
    }
}
