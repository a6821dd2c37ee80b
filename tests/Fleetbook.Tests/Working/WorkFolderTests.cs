using Fleetbook.Backends.Local;
using Fleetbook.Jobs;
using Fleetbook.Queues;
using Fleetbook.Tests.Support;
using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

public class WorkFolderTests
{
    [Fact]
    public async Task A_worker_whose_folder_another_live_worker_holds_exits_at_once_touching_nothing()
    {
        // Arrange: a live worker (here: its lock) with a job's output in its folder, and one job waiting.
        using var folder = new TempFolder("same-id");
        var database = folder.File("queue.db");
        var service = new SqliteQueueService(database, TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), CancellationToken.None);
        var queue = (await service.OpenAsync("Jobs", CancellationToken.None))!;
        await queue.SendBatchAsync(["{\"group\": {\"n\": \"1\"}}"], CancellationToken.None);
        var settings = new WorkerSettings
        {
            QueueUrl = queue.Url,
            Bucket = folder.File("bucket"),
            Command = [Template.Parse("true")],
            WorkDir = folder.File("work"),
            WorkerId = "worker1",
            IdleExit = TimeSpan.FromSeconds(5),
        };
        using var first = WorkFolderLock.TryTake(settings.WorkerFolder, out _);
        Assert.NotNull(first);
        var theirs = Path.Combine(settings.WorkerFolder, "copy0", "output", "out.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(theirs)!);
        File.WriteAllText(theirs, "the first worker's output");
        var services = new WorkerServices(queue, new FolderObjectStore(settings.Bucket), new SqliteJobJournal(database), new FileLogStore(folder.File("logs"), TimeProvider.System));
        var output = new StringWriter();

        // Act: a second worker with the same id.
        var exit = await new WorkerHost(settings, services, TimeProvider.System, output).RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(WorkerHost.CannotWorkExitCode, exit);
        Assert.Contains("another live process already works in", output.ToString());
        Assert.Contains(WorkerEnvironment.WorkerId, output.ToString());
        Assert.Equal("the first worker's output", File.ReadAllText(theirs));
        Assert.Equal(new QueueCounts(1, 0), await queue.GetCountsAsync(CancellationToken.None));
    }

    [Fact]
    public void Workers_given_no_id_get_different_ids_and_folders_even_in_one_process()
    {
        // Arrange: containers of one machine can share a host name and process id 1, and a mounted work folder.
        var environment = new Dictionary<string, string?>
        {
            [WorkerEnvironment.QueueUrl] = "sqlite:///runs/queue.db#Jobs",
            [WorkerEnvironment.Bucket] = "/runs/bucket",
            [WorkerEnvironment.Command] = "[\"true\"]",
            [WorkerEnvironment.WorkDir] = "/shared/work",
        };

        // Act
        var first = WorkerSettings.FromEnvironment(environment);
        var second = WorkerSettings.FromEnvironment(environment);

        // Assert
        Assert.NotEqual(first.WorkerId, second.WorkerId);
        Assert.NotEqual(first.WorkerFolder, second.WorkerFolder);
        Assert.StartsWith(Environment.MachineName + "-" + Environment.ProcessId + "-", first.WorkerId);
    }

    [Fact]
    public async Task A_worker_takes_its_folder_for_its_life_and_leaves_nothing_behind()
    {
        // Arrange
        using var folder = new TempFolder("own-folder");
        var database = folder.File("queue.db");
        var service = new SqliteQueueService(database, TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), CancellationToken.None);
        var queue = (await service.OpenAsync("Jobs", CancellationToken.None))!;
        await queue.SendBatchAsync(["{\"group\": {\"n\": \"1\"}}"], CancellationToken.None);
        var settings = new WorkerSettings
        {
            QueueUrl = queue.Url,
            Bucket = folder.File("bucket"),
            Command = [Template.Parse("/bin/sh"), Template.Parse("-c"), Template.Parse("echo ok > \"$0/out.txt\""), Template.Parse("{output_dir}")],
            WorkDir = folder.File("work"),
            WorkerId = "worker7",
            IdleExit = TimeSpan.FromSeconds(1),
        };
        var services = new WorkerServices(queue, new FolderObjectStore(settings.Bucket), new SqliteJobJournal(database), new FileLogStore(folder.File("logs"), TimeProvider.System));
        string? heldMeanwhile = null;
        var output = new StringWriter();
        var host = new WorkerHost(settings, services, TimeProvider.System, TextWriter.Synchronized(output));

        // Act: while the worker runs, another process tries to take the same folder.
        var running = host.RunAsync(CancellationToken.None);
        while (!output.ToString().Contains("polling", StringComparison.Ordinal) && !running.IsCompleted)
        {
            await Task.Delay(10);
        }

        using (var intruder = WorkFolderLock.TryTake(settings.WorkerFolder, out var problem))
        {
            heldMeanwhile = intruder is null ? problem : "taken twice";
        }

        var exit = await running;

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("another live process already works in", heldMeanwhile);
        Assert.True(File.Exists(Path.Combine(settings.Bucket, "results", "1", "out.txt")));
        Assert.False(Directory.Exists(settings.WorkerFolder), "the worker left its folder behind");
    }
}
