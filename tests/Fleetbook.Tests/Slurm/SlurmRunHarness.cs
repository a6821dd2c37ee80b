using System.Globalization;
using System.Text;
using Fleetbook.Backends.Slurm;
using Fleetbook.Configuration;
using Fleetbook.Journal;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Slurm;

/// <summary>A Slurm run in a temporary folder: config, job file, workers as real Slurm jobs. Disposing cancels whatever of the run is still in Slurm's queue.</summary>
public sealed class SlurmRunHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;

    public SlurmRunHarness(RunConfig config)
    {
        SlurmCluster.WaitUntilNodesTakeJobs();
        _folder = new TempFolder(config.AppName);
        Shared = Directory.CreateDirectory(_folder.File("shared")).FullName;
        Config = config;
        ConfigFile.Save(config, ConfigPath);
        Run = FleetRun.Create(config, _folder.Path);
    }

    public RunConfig Config { get; }

    public FleetRun Run { get; }

    public string Folder => _folder.Path;

    public string ConfigPath => _folder.File(RunConfig.DefaultFileName);

    /// <summary>A folder jobs can write marker files to (it is not the bucket).</summary>
    public string Shared { get; }

    public SlurmBackend Backend => (SlurmBackend)Run.Backend;

    /// <summary>A run name no other test (or earlier run) has used, so squeue --name finds only this run's workers.</summary>
    public static string UniqueName(string name) => name + Guid.NewGuid().ToString("N")[..6];

    /// <summary>A run whose command is <c>/bin/sh -c SCRIPT job N OUTPUT_DIR SHARED</c>: $1 the job number, $2 the output folder, $3 the shared folder.</summary>
    public static RunConfig ShellConfig(string appName, string script, int workers = 2) => new()
    {
        AppName = UniqueName(appName),
        Backend = BackendKind.Slurm,
        Command = ["/bin/sh", "-c", script, "job", "{group.n}", "{output_dir}", "{shared}"],
        Machines = workers,
        DockerCores = 1,
        Memory = 200,
        VisibilitySeconds = 30,
        IdleExitSeconds = 3,
        RetryDelaySeconds = 0,
        MaxReceives = 3,
        Slurm = new SlurmOptions { Partition = SlurmCluster.Partition },
    };

    public string WriteNumberedJobs(int count, string name = "job.json")
    {
        var text = new StringBuilder("{\"shared\": \"").Append(Shared).Append("\", \"groups\": [\n");
        text.AppendJoin(",\n", Enumerable.Range(1, count).Select(i => $"{{\"n\": \"{i.ToString("0000", CultureInfo.InvariantCulture)}\"}}"));
        text.Append("\n]}\n");
        return _folder.Write(name, text.ToString());
    }

    public async Task SubmitAndStartAsync(string jobFile)
    {
        await Run.SetupAsync();
        Assert.True((await Run.SubmitAsync(jobFile)).Complete);
        await Run.StartAsync();
    }

    public async Task<MonitorResult> MonitorAsync(TimeSpan? timeout = null, IProgress<string>? actions = null)
    {
        var result = await Run.MonitorAsync(options: new MonitorOptions
        {
            PollInterval = TimeSpan.FromSeconds(1),
            Timeout = timeout ?? TimeSpan.FromMinutes(3),
            LiveDisplay = Fleetbook.Display.LiveDisplayMode.Off,
            Actions = actions,
        });
        Assert.True(result.Completed, "the run did not drain in time: " + result.Final.Explanation);
        return result;
    }

    public async Task<IReadOnlyList<JobAttempt>> AttemptsAsync() => await Run.AttemptsAsync();

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited in vain for {what}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Backend.Fleet.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        finally
        {
            await Run.DisposeAsync();
            _folder.Dispose();
        }
    }
}
