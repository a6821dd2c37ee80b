using System.Text;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Support;

/// <summary>A local run in a temporary folder: config, job file, real worker processes.</summary>
public sealed class LocalRunHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;

    public LocalRunHarness(RunConfig config, string? name = null)
    {
        _folder = new TempFolder(name ?? config.AppName);
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

    public LocalBackend Backend => (LocalBackend)Run.Backend;

    public static RunConfig ShellJobConfig(string appName, string script, params string[] arguments) => new()
    {
        AppName = appName,
        Command = ["/bin/sh", "-c", script, "job", .. arguments],
        Machines = 2,
        DockerCores = 2,
        VisibilitySeconds = 5,
        IdleExitSeconds = 3,
        RetryDelaySeconds = 0,
        MaxReceives = 3,
    };

    /// <summary>Writes a Distributed-Something job file with one group per entry.</summary>
    public string WriteJobFile(IEnumerable<IReadOnlyDictionary<string, string>> groups, string name = "job.json")
    {
        var text = new StringBuilder("{\"shared\": \"").Append(Shared).Append("\", \"groups\": [\n");
        text.AppendJoin(",\n", groups.Select(g => "{" + string.Join(", ", g.Select(kv => $"\"{kv.Key}\": \"{kv.Value}\"")) + "}"));
        text.Append("\n]}\n");
        return _folder.Write(name, text.ToString());
    }

    public string WriteNumberedJobs(int count, string name = "job.json") =>
        WriteJobFile(Enumerable.Range(1, count).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["n"] = i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) }), name);

    /// <summary>Sets the run up and submits <paramref name="count"/> numbered jobs (<see cref="WriteNumberedJobs"/>), all of them.</summary>
    public async Task SetUpWithNumberedJobsAsync(int count)
    {
        await Run.SetupAsync();
        Assert.True((await Run.SubmitAsync(WriteNumberedJobs(count))).Complete);
    }

    public async Task<MonitorResult> RunToEndAsync(string jobFile, TimeSpan? timeout = null)
    {
        await Run.SetupAsync();
        var submitted = await Run.SubmitAsync(jobFile);
        Assert.True(submitted.Complete);
        await Run.StartAsync();
        return await MonitorAsync(timeout);
    }

    public async Task<MonitorResult> MonitorAsync(TimeSpan? timeout = null)
    {
        var result = await Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = timeout ?? TimeSpan.FromSeconds(120) });
        Assert.True(result.Completed, "the run did not drain in time: " + result.Final.Explanation);
        return result;
    }

    /// <summary>
    /// The jobs of <see cref="WriteNumberedJobs"/> whose <c>results/&lt;id&gt;/out.txt</c> does not hold what
    /// <paramref name="expected"/> says for its id, each as "id: what it holds" (or "(missing)").
    /// </summary>
    public IReadOnlyList<string> WrongOutputs(int jobs, Func<string, string> expected)
    {
        var wrong = new List<string>();
        for (var n = 1; n <= jobs; n++)
        {
            var id = n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            var output = Path.Combine(Backend.BucketDirectory, "results", id, "out.txt");
            var content = File.Exists(output) ? File.ReadAllText(output) : "(missing)";
            if (content != expected(id))
            {
                wrong.Add($"{id}: {content}");
            }
        }

        return wrong;
    }

    /// <summary>The bucket's files as the bucket lists them: an upload a killed worker left half-written is not one.</summary>
    public IReadOnlyList<string> BucketFiles(string prefix = "") =>
        Directory.Exists(Backend.BucketDirectory)
            ? Directory.EnumerateFiles(Backend.BucketDirectory, "*", SearchOption.AllDirectories)
                .Where(f => !Fleetbook.Backends.Local.ObjectKeys.IsTempName(Path.GetFileName(f)))
                .Select(f => Path.GetRelativePath(Backend.BucketDirectory, f).Replace('\\', '/'))
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        await Run.Backend.Fleet.StopAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        await Run.DisposeAsync();
        _folder.Dispose();
    }
}
