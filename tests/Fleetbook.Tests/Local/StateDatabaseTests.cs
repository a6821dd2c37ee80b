using Fleetbook.Backends.Local;
using Fleetbook.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Tests.Local;

/// <summary>queue.db lost, emptied or damaged: every step and every worker says so, with the file and the fix, and creates nothing in its place.</summary>
public sealed class StateDatabaseTests
{
    [Fact]
    public async Task Status_of_a_run_whose_queue_db_was_deleted_names_the_file_and_the_fix_and_exits_2()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("DeletedDb", "true"));
        await harness.SetUpWithNumberedJobsAsync(3);
        DeleteDatabase(harness);

        // Act
        var status = await CliRunner.RunAsync("status", "-c", harness.ConfigPath);

        // Assert
        Assert.Equal(2, status.ExitCode);
        Assert.Contains(harness.Backend.DatabasePath, status.Error);
        Assert.Contains("state database is missing", status.Error);
        Assert.Contains("Fix:", status.Error);
        Assert.DoesNotContain("Not set up yet", status.All);
        Assert.DoesNotContain("   at ", status.All);
        Assert.False(File.Exists(harness.Backend.DatabasePath), "status created a new queue.db");
    }

    [Fact]
    public async Task Workers_stop_with_the_reason_instead_of_running_against_a_deleted_queue_db()
    {
        // Arrange: two workers busy with many short jobs.
        var config = LocalRunHarness.ShellJobConfig("DeletedMidRun", "sleep 0.2") with { IdleExitSeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(400);
        await harness.Run.StartAsync();
        await WaitForAsync(async () => (await harness.Run.StatusAsync()).Succeeded >= 4);

        // Act
        DeleteDatabase(harness);
        await WaitForAsync(() => Task.FromResult(harness.Backend.LocalFleet.WorkerProcessIds().Count == 0));

        // Assert: both stopped long before their 60 s idle exit, each saying why.
        Assert.Empty(harness.Backend.LocalFleet.WorkerProcessIds());
        foreach (var log in Directory.GetFiles(Path.Combine(harness.Backend.StateDirectory, "logs", "workers")))
        {
            var text = File.ReadAllText(log);
            Assert.Contains("worker stopped: " + harness.Backend.DatabasePath + ": the run's state database is missing", text);
            Assert.DoesNotContain("queue stayed empty", text);
        }

        Assert.False(File.Exists(harness.Backend.DatabasePath), "a worker created a new queue.db");
    }

    [Fact]
    public async Task An_emptied_queue_db_is_reported_and_not_silently_made_again()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("EmptyDb", "true"));
        await harness.SetUpWithNumberedJobsAsync(3);
        DeleteDatabase(harness);
        File.WriteAllBytes(harness.Backend.DatabasePath, []);

        // Act
        var status = await CliRunner.RunAsync("status", "-c", harness.ConfigPath);
        var setup = await CliRunner.RunAsync("setup", "-c", harness.ConfigPath);

        // Assert
        Assert.All(new[] { status, setup }, outcome =>
        {
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains(harness.Backend.DatabasePath + ": the run's state database is an empty file (0 bytes)", outcome.Error);
            Assert.Contains("Fix:", outcome.Error);
        });
        Assert.Equal(0, new FileInfo(harness.Backend.DatabasePath).Length);
    }

    [Fact]
    public async Task A_queue_db_that_is_not_a_database_is_reported_with_its_path_and_the_fix()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("CorruptDb", "true"));
        await harness.SetUpWithNumberedJobsAsync(3);
        DeleteDatabase(harness);
        File.WriteAllText(harness.Backend.DatabasePath, string.Concat(Enumerable.Repeat("this is not an SQLite database. ", 200)));

        // Act
        var status = await CliRunner.RunAsync("status", "-c", harness.ConfigPath);

        // Assert
        Assert.Equal(2, status.ExitCode);
        Assert.Contains(harness.Backend.DatabasePath + ": the run's state database is damaged", status.Error);
        Assert.Contains("file is not a database", status.Error);
        Assert.Contains("Fix:", status.Error);
        Assert.DoesNotContain("   at ", status.All);
    }

    [Fact]
    public async Task Workers_stop_with_the_reason_when_queue_db_is_damaged_mid_run()
    {
        // Arrange
        var config = LocalRunHarness.ShellJobConfig("DamagedMidRun", "sleep 0.2") with { IdleExitSeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(400);
        await harness.Run.StartAsync();
        await WaitForAsync(async () => (await harness.Run.StatusAsync()).Succeeded >= 4);

        // Act: overwrite the database and its write-ahead log in place, as a failing disk or a stray write would.
        foreach (var path in new[] { harness.Backend.DatabasePath, harness.Backend.DatabasePath + "-wal" })
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.Write(Enumerable.Repeat((byte)0x5a, (int)file.Length).ToArray());
        }

        await WaitForAsync(() => Task.FromResult(harness.Backend.LocalFleet.WorkerProcessIds().Count == 0));

        // Assert
        Assert.Empty(harness.Backend.LocalFleet.WorkerProcessIds());
        foreach (var log in Directory.GetFiles(Path.Combine(harness.Backend.StateDirectory, "logs", "workers")))
        {
            var text = File.ReadAllText(log);
            Assert.Contains("worker stopped: " + harness.Backend.DatabasePath + ": the run's state database is damaged", text);
            Assert.DoesNotContain("queue stayed empty", text);
        }
    }

    [Fact]
    public async Task Setup_after_a_lost_queue_db_makes_a_new_one_and_a_process_still_holding_the_old_one_is_told()
    {
        // Arrange: a run object that has used the database, which is then deleted and set up again by someone else.
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("ReplacedDb", "true"));
        await harness.SetUpWithNumberedJobsAsync(3);
        DeleteDatabase(harness);
        await Task.Delay(20); // a marker written in the same tick as the first would look unchanged

        // Act
        var setup = await CliRunner.RunAsync("setup", "-c", harness.ConfigPath);
        var stale = await Assert.ThrowsAsync<StateDatabaseException>(() => harness.Run.StatusAsync());

        // Assert
        Assert.Equal(0, setup.ExitCode);
        Assert.Contains("was replaced by another file", stale.Message);
        Assert.Equal(harness.Backend.DatabasePath, stale.Path);
    }

    [Fact]
    public async Task A_run_set_up_again_in_the_same_process_after_its_state_folder_was_removed_uses_the_new_queue_db()
    {
        // Arrange: a run that has used queue.db (its connections pooled) and is still open when the state folder goes.
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("SetUpAgain", "true"));
        await harness.SetUpWithNumberedJobsAsync(2);
        Directory.Delete(harness.Backend.StateDirectory, recursive: true);

        // Act: a new run object of the same project, as the demo does when it runs again in its folder.
        await using var again = Fleetbook.Steps.FleetRun.Open(harness.ConfigPath);
        await again.SetupAsync();
        var submitted = await again.SubmitAsync(harness.WriteNumberedJobs(3));
        var status = await again.StatusAsync();

        // Assert
        Assert.True(submitted.Complete);
        Assert.Equal(3, status.Visible);
        await Assert.ThrowsAsync<StateDatabaseException>(() => harness.Run.StatusAsync());
    }

    private static void DeleteDatabase(LocalRunHarness harness)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { "", "-wal", "-shm" })
        {
            File.Delete(harness.Backend.DatabasePath + file);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
