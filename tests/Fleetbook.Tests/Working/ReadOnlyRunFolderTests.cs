using System.Diagnostics;
using System.Globalization;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

public class ReadOnlyRunFolderTests
{
    [ReadOnlyFolderFact]
    public async Task A_run_folder_made_read_only_mid_run_pauses_the_workers_and_loses_nothing()
    {
        // Arrange: jobs that write their own id (and fail when they cannot: a job that exits 0 having written nothing
        // has succeeded, as far as any worker can tell), a monitor following the run.
        const int jobs = 120;
        var config = LocalRunHarness.ShellJobConfig("ReadOnlyRun", "printf '%s' \"$1\" > \"$2/out.txt\" && sleep 0.1", "{job_id}", "{output_dir}") with
        {
            VisibilitySeconds = 3,
            MaxReceives = 20,
            IdleExitSeconds = 30,
        };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(jobs);
        await harness.Run.StartAsync();
        var monitor = harness.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(3) });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await harness.Run.StatusAsync()).Succeeded < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // Act: the whole run folder (state, logs, work folders, bucket) read-only for 4 s, then writable again.
        ReadOnlyFolderFactAttribute.MakeReadOnly(harness.Folder, true);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            ReadOnlyFolderFactAttribute.MakeReadOnly(harness.Folder, false);
        }

        var result = await monitor;

        // Assert: every job's output holds its own id, nothing in the dead letters, and no worker crashed.
        Assert.True(result.Completed, result.Final.Explanation);
        Assert.Equal(0, result.Final.DeadLetter);
        Assert.Empty(harness.WrongOutputs(jobs, id => id));

        // A crash cannot be read from a log that was read-only when it happened, but it shows: monitor starts a worker in its place.
        var workerLogFiles = Directory.GetFiles(Path.Combine(harness.Backend.StateDirectory, "logs", "workers"));
        Assert.Equal(["worker1.log", "worker2.log"], workerLogFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var workerLogs = string.Join("\n", workerLogFiles.Select(File.ReadAllText));
        Assert.DoesNotContain("Unhandled exception", workerLogs);
        Assert.DoesNotContain("   at ", workerLogs);
    }
}

/// <summary>
/// Runs where a folder can be made read-only for its owner: root ignores permission bits, so as root the folder tree is
/// made immutable (chattr +i, on file systems that have it); otherwise its write permissions are taken away.
/// </summary>
/// <remarks>
/// As root the SQLite files stay writable: SQLite maps queue.db-shm into memory, and a write to a mapping of a file made
/// immutable kills the process with SIGBUS, which no program can handle. Permissions taken away do not do that (an open
/// file stays writable), so for other users the whole tree is made read-only.
/// </remarks>
public sealed class ReadOnlyFolderFactAttribute : FactAttribute
{
    public ReadOnlyFolderFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
        else if (IsRoot && !ChattrWorks())
        {
            Skip = "running as root, and chattr +i does not work on the temp folder's file system";
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    public static void MakeReadOnly(string folder, bool readOnly)
    {
        var script = (IsRoot, readOnly) switch
        {
            (true, true) => "find \"$1\" ! -name queue.db ! -name 'queue.db-*' -exec chattr +i {} +",
            (true, false) => "chattr -R -i \"$1\"",
            (false, true) => "chmod -R a-w \"$1\"",
            (false, false) => "chmod -R u+w \"$1\"",
        };
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", script, "sh", folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }

    private static bool ChattrWorks()
    {
        using var folder = new TempFolder("chattr");
        var file = folder.Write("probe", "x");
        try
        {
            MakeReadOnly(folder.Path, true);
            try
            {
                File.AppendAllText(file, "y");
                return false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }
        finally
        {
            MakeReadOnly(folder.Path, false);
        }
    }
}
