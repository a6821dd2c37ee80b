using System.Text;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>A throw-away local run in a temporary folder (removed when the benchmark ends, see <see cref="BenchFolders"/>).</summary>
internal sealed class BenchProject : IAsyncDisposable
{
    public BenchProject(RunConfig config)
    {
        Folder = BenchFolders.Create("run");
        Run = FleetRun.Create(config, Folder);
    }

    public string Folder { get; }
    public FleetRun Run { get; }

    public string WriteJobs(int count)
    {
        var path = Path.Combine(Folder, "jobs.json");
        var text = new StringBuilder("{\"groups\": [");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"n\": \"").Append(i).Append("\"}");
        }

        File.WriteAllText(path, text.Append("]}").ToString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Run.Backend.Fleet.StopAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        await Run.DisposeAsync();
    }
}
